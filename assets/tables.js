// Tables as cards on a phone. Every cell gets its column's header as data-label, and the
// table the class "cards": on a narrow screen app.css then shows each row as a card with
// the label beside each value. Tables swapped in later (search as you type) get the same.
// Without JavaScript a wide table scrolls inside its frame, never the page.
(function () {
  'use strict';
  function label(table) {
    if (table.classList.contains('cards') || !table.tHead) return;
    var heads = [];
    var row = table.tHead.rows[table.tHead.rows.length - 1];
    for (var i = 0; i < row.cells.length; i++) {
      var text = row.cells[i].textContent.replace(/[\u25b2\u25bc]/g, '').replace(/\s+/g, ' ').trim();
      for (var span = row.cells[i].colSpan || 1; span > 0; span--) heads.push(text);
    }
    for (var b = 0; b < table.tBodies.length; b++) {
      var rows = table.tBodies[b].rows;
      for (var r = 0; r < rows.length; r++) {
        var cells = rows[r].cells;
        if (cells.length === 1 && cells[0].colSpan > 1) continue; // a group heading
        for (var c = 0, col = 0; c < cells.length; col += cells[c].colSpan || 1, c++)
          if (cells[c].tagName === 'TD' && heads[col]) cells[c].setAttribute('data-label', heads[col]);
      }
    }
    table.classList.add('cards');
  }
  function labelAll() {
    var tables = document.querySelectorAll('.table-wrap > table');
    for (var i = 0; i < tables.length; i++) label(tables[i]);
  }
  labelAll();
  if (window.MutationObserver) {
    var main = document.getElementById('inhoud');
    if (main) new MutationObserver(labelAll).observe(main, { childList: true, subtree: true });
  }
})();
