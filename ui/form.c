/* form.c - the form screen. */
#include "config.h"
#include "screens.h"

int form_run(long long id, const template *t, const char *kind)
{
	(void)id; (void)t; (void)kind;
	ui_status(1, "表单尚未实现");
	return UI_STAY;
}

int form_new(void)
{
	return form_run(0, NULL, NULL);
}
