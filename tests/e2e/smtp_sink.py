#!/usr/bin/python3
"""A real SMTP server for the end-to-end tests, on Debian's python3-aiosmtpd.

    /usr/bin/python3 smtp_sink.py --port PORT --dir FOLDER [--user U --password P]

Every message received is written to FOLDER as NNNN.eml (the bytes as sent) and then
NNNN.json: the envelope, whether the client authenticated, and the message as Python's
own e-mail parser reads it (headers decoded, body decoded from its transfer encoding),
so the tests check our MIME against an independent reader. While a file FOLDER/reject
exists, messages are refused with a temporary error (451), to test retries. Prints
"ready" once it accepts connections; stops on SIGTERM or SIGINT.
"""
import argparse
import json
import os
import signal
import threading

from email import message_from_bytes, policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    def write(self, name, data):
        path = os.path.join(self.folder, name)
        with open(path + '.tmp', 'wb') as f:
            f.write(data)
        os.rename(path + '.tmp', path)

    async def handle_DATA(self, server, session, envelope):
        if os.path.exists(os.path.join(self.folder, 'reject')):
            return '451 4.3.0 Mailbox tijdelijk niet beschikbaar'
        self.count += 1
        name = '%04d' % self.count
        raw = envelope.original_content or envelope.content
        msg = message_from_bytes(raw, policy=policy.default)
        info = {
            'mail_from': envelope.mail_from,
            'rcpt_tos': envelope.rcpt_tos,
            'authenticated': bool(session.authenticated),
            'headers': {k.lower(): str(v) for k, v in msg.items()},
            'content_type': msg.get_content_type(),
            'charset': msg.get_content_charset(),
            'transfer_encoding': msg.get('content-transfer-encoding', ''),
            'body': msg.get_content(),
            'defects': [type(d).__name__ for d in msg.defects],
            'longest_line': max(len(line) for line in raw.split(b'\r\n')),
            'bare_lf': b'\n' in raw.replace(b'\r\n', b''),
        }
        self.write(name + '.eml', raw)
        self.write(name + '.json', json.dumps(info, ensure_ascii=False).encode('utf-8'))
        return '250 OK'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--dir', required=True)
    parser.add_argument('--user')
    parser.add_argument('--password')
    args = parser.parse_args()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user
              and auth_data.password.decode() == args.password)
        return AuthResult(success=ok)

    options = {}
    if args.user:
        options = dict(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    controller = Controller(Sink(args.dir), hostname='127.0.0.1', port=args.port, **options)
    controller.start()
    print('ready', flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == '__main__':
    main()
