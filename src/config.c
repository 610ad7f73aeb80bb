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
	};
}

const char *coordinator_address(void)
{
	return cfg.mail_reply_to && *cfg.mail_reply_to ? cfg.mail_reply_to : "stages@vivosocialprofit.org";
}
