#include "config.h"

struct config cfg;

void config_defaults(void)
{
	cfg = (struct config){
		.listen = "127.0.0.1:8080",
		.data_dir = "data",
		.idle_minutes = 60,
		.absolute_hours = 12,
		.max_body_bytes = 1024 * 1024,
		.mail_from = "stagematch <info@stagematching.org>",
		.activation_days = 7,
		.login_queue = 64,
		.metrics_allow = "127.0.0.1,::1",
		.retention_days = 365,
		.withdrawals_per_campaign = 5,
		.mail_body_days = 30,
		.backup_days = 30,
		.smtp_require_tls = true,
		.reminder_time = "08:00",
	};
}
