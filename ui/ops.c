/* ops.c - the provider records what it delivered against each approved
 * line. */
#include "config.h"
#include "screens.h"

int ops_run(long long id)
{
	(void)id;
	ui_status(1, "交付记录尚未实现");
	return UI_STAY;
}
