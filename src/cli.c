/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* cli.c - the command table and what every command shares: options
 * parsed from the table, the database opened as the command needs it,
 * messages, columns. */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "calendar.h"
#include "capacity.h"
#include "cli.h"
#include "csv.h"
#include "duties.h"
#include "text.h"

const char cli_usage[] =
"用法：yunshen [--db 路径] [--as 登录名] [--json] [-q] 命令 [参数]\n"
"\n"
"不带命令时打开终端界面。\n"
"  --demo                    在新建的演示数据库上打开终端界面\n"
"\n"
"命令：\n"
"  init                      新建数据库（当前登录名成为管理员）\n"
"  demo                      新建演示数据库：五个模板、各种状态、部分超期\n"
"  templates                 列出辖区模板\n"
"  template ID               模板的字段、选项、环节、角色和时限\n"
"  import 文件 [--draft] [--again]\n"
"                            从 JSON、CSV（UTF-8 或 GBK）或 .xlsx 导入申请并提交；--draft 只存草稿\n"
"  list [--state S] [--template T] [--overdue] [--mine] [--search 文字]\n"
"                            列出申请（按期限排序，超期在前）；--csv 给 Excel\n"
"  show ID                   申请的字段、资源行、合计、当前环节、期限和历史\n"
"  act ID[,ID...] 动作 [--step 环节] [--opinion 意见]\n"
"                            提交、撤回，或签署所看到的环节（--step，如 review 或 初审；\n"
"                            动作可用英文 id 或中文名，如 accept 或 受理）\n"
"  recall ID --reason 理由    撤回本人刚做的签署（下一环节尚未办理时）\n"
"  phrase [add 意见 | remove 编号]\n"
"                            我的常用意见（签署时 F4 或 act --phrase 编号选用）\n"
"  view [save 名称 ... | remove 名称]\n"
"                            我的视图：命名保存的筛选（list --view 名称，界面 v、V）\n"
"  followup ID change|terminate|renew [字段=值 ...]\n"
"                            按原申请预填，新建变更、注销或延期申请草稿\n"
"  deliver ID 资源行 --host 主机名 --ip 地址 [--ports 端口] [--on 日期]\n"
"                            记录交付（运维）；不带资源行时列出待交付的资源行\n"
"  edit ID 字段=值 ... [--reason 理由]\n"
"                            修改申请（已提交的申请每处修改都记入历史；已签署后冻结，\n"
"                            只能退回补正，或由管理员写明理由修改）\n"
"  export form ID -o 文件.xlsx | export month YYYY-MM -o 文件.xlsx\n"
"                            打印表（本辖区纸质表样式）或领导月报\n"
"  remind                    一行提醒：待办几件、今天到期、超期（放在 shell 的 profile 里）\n"
"  digest [--force]          给每个有待办的人发待办清单邮件（cron，工作日）\n"
"  due [--within N] [--overdue] [--mine]\n"
"                            未办的到期事项（审批后的义务），期限最近的在前；--csv 给 Excel\n"
"  duty ID 事项 [close 字段=值 ... | notice]\n"
"                            查看、办结一项到期事项，或打印其通知书\n"
"  capacity                  资源池：容量、在用、已批准未完成、待审批、预警线\n"
"  ledger [--unit U] [--template T]\n"
"                            在用资源台账：阶段、现有配置、交付的主机、使用期、计费期；--csv\n"
"  forecast [年度]           资源需求预估按县区汇总（韶关）\n"
"  calendar [import 文件]    节假日表覆盖的年份；导入新一年的安排（管理员）\n"
"  workdays add 日期 N       日期之后第 N 个工作日\n"
"  workdays between 日期1 日期2\n"
"                            两个日期之间的工作日数（不含日期1，含日期2）\n"
"  verify [--head | --code 校验码]\n"
"                            完整性、SM3 校验链和业务一致性检查（管理员）\n"
"  backup 目标文件           在线备份数据库（管理员）\n"
"  user add 登录名 --role 角色 [--scope 范围] [--name 姓名] | user name 登录名 姓名\n"
"  user list | user remove 登录名 [--role 角色]\n"
"                            用户、角色和姓名（管理员）\n"
"  delegate 受托人 --role 角色 --from 日期 --until 日期 [--reason 事由]\n"
"  delegate list | delegate end 编号\n"
"                            委托：休假期间把自己的一个角色交给别人签署（代签记两人姓名）\n"
"  price list [模板] [--on 日期] | price set 模板 项目 单价 [--from 生效日期]\n"
"  usage [--month M] | usage import 文件 | usage propose ID reclaim|downsize\n"
"                            资源利用率、闲置主机；导入服务商月报；起草回收或降配\n"
"  eval 模板 [--year Y] | eval add 模板 期间 方面=分数 ... [--unit U] [--reason 理由]\n"
"                            对云服务商的服务考评：录入、每期和年度得分、低分理由\n"
"  settle 模板 年度 [-o 文件.xlsx]\n"
"                            年度结算：目录费用、闲置核减、按考评得分的结算比例\n"
"  fees [--month YYYY-MM | --year YYYY] [--unit U]\n"
"                            服务费用：每个系统每月按天折算；--year 为年度使用报表\n"
"\n"
"选项：\n"
"  --db 路径                 数据库文件（也可用环境变量 YUNSHEN_DB；默认 " YS_DEFAULT_DB "）\n"
"  --as 登录名               以另一登录名操作（测试和演示用；特权安装时拒绝）\n"
"  --json                    输出一个 JSON 文档（带 format_version，见 docs/json.md）\n"
"  -q, --quiet               成功时不输出（cron 用）；数据和错误照常输出\n"
"  -h, --help                帮助；yunshen 命令 --help 显示该命令的帮助\n"
"  --version                 版本\n"
"\n"
"环境变量：YUNSHEN_DB 数据库，YUNSHEN_NOW=YYYY-MM-DDTHH:MM 固定当前时间（测试用），\n"
"YUNSHEN_DATADIR 模板和节假日表所在目录。详见 man yunshen。\n";

/* The listings a spreadsheet takes. */
#define CSV_HELP "--csv：输出 CSV 表格（UTF-8 带 BOM，Excel、WPS 直接打开；每件一行，文字不截断）；再加 --gbk 输出 GBK（GB18030）编码，给只认 GBK 的旧软件。\n"

static const cli_command commands[] = {
	{ "init", cmd_init, CLI_CREATE, { NULL }, "yunshen [--db 路径] init\n新建数据库并升级到当前版本；新库的第一个用户（当前登录名）成为管理员。\n" },
	{ "demo", cmd_demo, CLI_CREATE, { "--apps=", "--years=" }, "yunshen [--db 路径] demo [--apps 件数 [--years 年数]]\n在空数据库里生成演示数据：五个模板、每个模板十个单位、各种状态，部分超期。\n--apps：改为生成这么多件申请，在最近 --years 年（默认 10 年）里均匀提交，经由与界面相同的核心办理；近期的处于各种状态，多年前的大多已办结、部分变更或注销。用于测量一台服务器能承载多少数据。\n" },
	{ "templates", cmd_templates, 0, { NULL }, "yunshen templates [--json]\n列出辖区模板：id、名称、表单和流程。\n" },
	{ "template", cmd_template, 0, { NULL }, "yunshen template ID [--json]\n模板的每个表单的字段（id、类型、选项、限制）和每个流程的环节、签署角色、时限。\n" },
	{ "import", cmd_import, CLI_DB | CLI_ROLE, { "--draft", "--again" }, "yunshen [--db 路径] import 文件 [--draft] [--again] [--json]\nJSON（show --json 的形状，或其数组）、CSV（表头为字段 id 或栏目名，表格单元格写作 vm[1].vcpu；UTF-8 或 GBK 自动识别），或这样排好的 Excel 文件（.xlsx，读第一张表）。日期可写作 2026-03-02、2026/3/2、2026-3-2 或 2026年3月2日。\n整个文件要么全部导入，要么一件也不导入。默认导入后即提交，--draft 只存草稿。\n同一个文件（内容完全相同）再导入时拒绝，说明何时由谁导入过；确要再导入一次加 --again。\n" },
	{ "list", cmd_list, CLI_DB | CLI_ROLE, { "--state=", "--template=", "--overdue", "--mine", "--search=", "--view=", "--csv", "--gbk" }, "yunshen [--db 路径] list [--state S] [--template T] [--overdue] [--mine] [--search 文字] [--view 名称] [--json | --csv [--gbk]]\n--view：自己保存的视图（yunshen view 列出），其余选项不能同时用。\n状态 S：draft pending returned rejected done withdrawn terminated。--mine：等我签署的。\n--search：单位、系统名称、文号（括号、全角半角不论）、联系人、签署意见中的任意一段文字（两个字以上；一个字时找以它开头的）。\n" CSV_HELP },
	{ "show", cmd_show, CLI_DB, { NULL }, "yunshen [--db 路径] show ID [--json]\n申请的全部字段、资源行、合计、当前环节和期限、可做的动作、历史。\n" },
	{ "act", cmd_act, CLI_DB | CLI_ROLE, { "--step=", "--opinion=", "--phrase=", "--seen=", "--ack-capacity" }, "yunshen [--db 路径] act ID[,ID...] 动作 [--step 环节] [--seen 版本] [--opinion 意见 | --phrase 编号] [--ack-capacity] [记录项=值 ...]\n--phrase N：以第 N 条常用意见为意见（show ID 列出本环节的常用意见：模板的在前，您自己保存的在后；模板限定只能从中选的环节，同意时只能用模板的）。\n几个编号用逗号隔开：以同一动作和意见逐件签署，每件单独检查和记录（须带 --step，不能带记录项）。\n动作：submit（提交）、withdraw（撤回），或当前环节允许的动作（show ID 列出）。\n签署环节时必须用 --step 指明您看到的环节（id 或中文名）：若申请已被别人签署、不在该环节，拒绝并说明谁何时签署了什么，不作改动。\n--seen N：您看过的内容版本（show --json 的 version）；此后内容有改动则拒绝。\n记录项=值：环节要求签署人填写的记录（受理逐项核对的申请材料，如 request_report=是；交付确认函的确认日期等）；show ID 列出本环节的记录项。\n--ack-capacity：批准会使资源池越过预警线时，写明签署人已知悉（show ID 写出批准后的使用率）。\n" },
	{ "recall", cmd_recall, CLI_DB | CLI_ROLE, { "--reason=" }, "yunshen [--db 路径] recall ID --reason 理由 [--json]\n撤回本人在申请上的最后一次签署（含会签），须写明理由：只在此后申请没有任何办理时可以（下一环节尚未签署、录入员尚未重新提交、没有交付或修改）。申请回到签署前的环节和期限；历史保留原签署（标“已撤回”）和撤回记录。变更、注销申请的最后批准已在原申请上生效，不能撤回。\n" },
	{ "phrase", cmd_phrase, CLI_DB, { NULL }, "yunshen [--db 路径] phrase [--json] | phrase add 意见 | phrase remove 编号\n您自己的常用意见：签署时在对话框里按 F4 按编号选用，命令行用 act --phrase 编号。模板给各环节的常用意见排在前面，不在这里修改。每人最多 50 条，每条最多 200 个字。\n" },
	{ "view", cmd_view, CLI_DB, { "--base=", "--state=", "--template=", "--unit=", "--search=" }, "yunshen [--db 路径] view [--json] | view save 名称 [--base 列表] [--state S] [--template T] [--unit U] [--search 文字] | view remove 名称\n自己命名的视图（保存的筛选）：基础列表（我的待办、全部申请、草稿、超期、退回补正，默认全部申请）加上状态、模板、单位、搜索。界面里筛选好后按 V 保存，按 v 按编号打开；命令行 yunshen list --view 名称。同名再保存即替换；每人最多 20 个。\n" },
	{ "edit", cmd_edit, CLI_DB | CLI_ROLE, { "--reason=" }, "yunshen [--db 路径] edit ID 字段=值 ... [--reason 理由]\n修改申请字段或表格单元格（vm[1].vcpu=8）；已提交的申请每处修改记入历史（原值和新值）。\n草稿和退回补正的申请由录入员修改；已提交而尚无人签署时录入员仍可更正；一经签署内容即冻结，只能退回补正，或由管理员用 --reason 写明理由修改；已开通的申请只能通过变更申请改变。变更、注销、延期申请的单位、县区、系统和原文号取自原申请，不能修改。\n" },
	{ "followup", cmd_followup, CLI_DB | CLI_ROLE, { NULL }, "yunshen [--db 路径] followup 原申请编号 change|terminate|renew [字段=值 ...]\n在服务中的申请上新建变更、注销（终止）或延期申请草稿，按原申请预填（与界面 b、z、y 键相同）：单位、县区、系统和原文号取自原申请且不能修改，变更表的资源表从原配置开始；字段=值 同 edit。录入员，范围按原申请核对。\n" },
	{ "deliver", cmd_deliver, CLI_DB | CLI_ROLE, { "--host=", "--ip=", "--ports=", "--on=" }, "yunshen [--db 路径] deliver ID [资源行 --host 主机名 --ip 地址 [--ports 端口] [--on 日期]]\n运维记录一台主机的交付：资源行写作 表格[行号]（如 vm[1]），交付日期默认今天。只有已审批通过（已开通，或在运维环节）的申请可以记录；每行最多记录该行的台数。\n不带资源行时列出待交付的资源行和已交付台数。\n" },
	{ "remind", cmd_remind, CLI_DB, { NULL }, "yunshen [--db 路径] remind [--json]\n一行提醒：等我签署的申请几件、今天到期几件、超期几件，我的角色的到期事项几项（7 天内到期和已超期）。放在登录 shell 的 profile 里（见 docs/admin.md）。\n" },
	{ "digest", cmd_digest, CLI_DB, { "--force" }, "yunshen [--db 路径] digest [--force] [--json]\n给每个有待办的登录名发一封待办清单邮件（本机 sendmail，环境变量 YUNSHEN_SENDMAIL 可另指），供 cron 每个工作日早上运行；不是工作日时不发（--force 照发）。成功时不输出。仅管理员。\n" },
	{ "due", cmd_due, CLI_DB | CLI_ROLE, { "--within=", "--overdue", "--mine", "--csv", "--gbk" }, "yunshen [--db 路径] due [--within 天数] [--overdue] [--mine] [--json | --csv [--gbk]]\n未办的到期事项（模板里规定的审批后义务：等保备案、使用期满通知、强制下线、数据保留、运维报告等），期限最近的在前：申请编号（全局事项为“全局”）、事项 id、名称、期限、剩余天数、办理角色。\n--within N：N 天内到期的和已超期的；--overdue：只列超期的；--mine：只列我的角色办理的。\n" CSV_HELP },
	{ "duty", cmd_duty, CLI_DB | CLI_ROLE, { "--opinion=", "--period=" }, "yunshen [--db 路径] duty 申请编号 事项 [close 字段=值 ... [--opinion 说明] | notice]\nyunshen duty 模板 事项 [--period 期间] [close ...]\n不带动作：事项的起算日、期限、依据、办结需填的记录。close：以记录办结（签署的历史事件，记录字段按模板核对；有等待期的事项满期后才能办结）。notice：打印事项的通知书（如使用期满前一个月的通知）。\n全局事项（每周、每月、每年的报告）用模板 id 代替申请编号，--period 指定期间（其第一天或年份；默认最早未办的）。\n" },
	{ "capacity", cmd_capacity, CLI_DB | CLI_ROLE, { 0 }, "yunshen [--db 路径] capacity [--json]\n资源池：设定了容量（模板 capacity）的每个模板的 vCPU、内存、存储：容量、在用、已批准未完成（开通、测试、试运行中）、待审批，已占用的比例和预警线。批准会越过预警线时签署须写明已知悉（act --ack-capacity），超过容量的不能批准。\n" },
	{ "ledger", cmd_ledger, CLI_DB | CLI_ROLE, { "--unit=", "--template=", "--csv", "--gbk" }, "yunshen [--db 路径] ledger [--unit 单位] [--template 模板] [--json | --csv [--gbk]]\n在用资源台账：每个已审批的系统的单位、系统、文号、阶段（测试、试运行、正式运行、到期、强制下线、保留至…、已注销）、每次变更后的现有配置、已交付的主机、使用期和计费期、下一到期事项。\n" CSV_HELP },
	{ "forecast", cmd_forecast, CLI_DB | CLI_ROLE, { "-o=" }, "yunshen [--db 路径] forecast [年度] [-o 文件.xlsx] [--json]\n-o：写出资源需求预估汇总表（Excel，按县区一行，末行合计）。\n下一年度（或给定年度）的资源需求预估，按县区汇总（韶关第十七条：县区单位经本地政务服务数据管理部门审核汇总，市直单位直接报送）：报送家数、已汇总家数、vCPU、内存、存储、带宽。录入员以“资源需求预估表”报送（import 或界面 n 新建）。\n" },
	{ "calendar", cmd_calendar, CLI_DB | CLI_ROLE, { NULL }, "yunshen [--db 路径] calendar | calendar import 文件\n节假日表覆盖的年份，以及其后按固定日期的法定假日（元旦、劳动节、国庆）暂定的年份。\nimport：导入国务院公布的新一年安排（与 holidays.tsv 相同的“日期<TAB>off 或 work<TAB>名称”，或 holiday-cn 项目每年发布的 JSON），保存在数据库里；每件在办申请的期限按新安排重新计算，改动的记入历史。仅管理员。\n" },
	{ "workdays", cmd_workdays, 0, { NULL }, "yunshen workdays add 日期 N | yunshen workdays between 日期1 日期2\n按官方节假日表计算工作日：收到当天不计；调休上班日算工作日。\n" },
	{ "verify", cmd_verify, CLI_DB, { "--head", "--code=" }, "yunshen [--db 路径] verify [--head | --code 校验码] [--json]\nSQLite 完整性检查、外键检查、历史的 SM3 校验链（指出第一条被改动的记录）、每件申请和交付记录与其历史一致；有问题时退出码为 1。仅管理员。\n--head：只输出校验链的头（校验码），供每天写入系统日志。\n--code：同时核对打印件（申请表、月报）上的校验码：历史自打印之日起未被改写。\n" },
	{ "user", cmd_user, CLI_DB, { "--role=", "--scope=", "--name=" }, "yunshen user add 登录名 --role 角色 [--scope 模板|模板/县区] [--name 姓名]\nyunshen user name 登录名 姓名\nyunshen user list | yunshen user remove 登录名 [--role 角色] [--scope 范围]\n姓名显示在签署、历史、打印表和报表上，写作 姓名（登录名）；未设时取系统用户表的 GECOS 全名。签署时的姓名随签署记录保存，以后改名不改变已签署的记录。仅管理员。\n角色：clerk 录入员、acceptor 受理人、reviewer 审核人、supervisor 主管部门、county 县级初审、leader 领导、ops 运维、admin 管理员。\n" },
	{ "delegate", cmd_delegate, CLI_DB, { "--role=", "--from=", "--until=", "--reason=", "--for=" }, "yunshen [--db 路径] delegate 受托人 --role 角色 --from 日期 --until 日期 [--reason 事由] [--for 委托人]\nyunshen delegate list [--json] | yunshen delegate end 编号\n委托：在 --from 至 --until（含两端）期间，把自己的一个角色交给受托人；受托人在委托人的范围内签署，签署记录写明两人（张三（zhangsan，代 李四））。只能委托自己本人的角色（受托得来的不能再委托），同一期间一个角色只能委托一人，休假的人不能受托：没有委托链和循环。管理员角色不能委托；管理员可用 --for 代委托人办理，并查看全部委托。end：委托人或管理员提前结束委托。\n" },
	{ "backup", cmd_backup, CLI_DB, { NULL }, "yunshen [--db 路径] backup 目标文件\n在线备份整个数据库（VACUUM INTO），不影响别人继续工作；目标文件已存在时拒绝。仅管理员。\n" },
	{ "price", cmd_price, CLI_DB, { "--from=", "--on=" }, "yunshen price list [模板] [--on 日期] | yunshen price set 模板 项目 单价 [--from 生效日期]\n服务目录单价（元），初值来自模板；管理员修改单价，自生效日期（默认今天）起按新价计费，此前的日子仍按原价。list 列出某日（默认今天）的单价和下一次调价。\n" },
	{ "usage", cmd_usage, CLI_DB | CLI_ROLE, { "--month=", "--unit=", "--template=", "--quarter=", "-o=" }, "yunshen [--db 路径] usage [--month YYYY-MM] [--unit 单位] [--template 模板] [--json]\nyunshen usage --quarter 2026-Q3 [-o 文件.xlsx]：季度云资源利用情况表（永嘉第十六条）：每个单位、系统、主机本季度的 CPU 平均和峰值、内存、存储已用，是否闲置。\nyunshen usage import 文件 | yunshen usage propose 申请编号 reclaim|downsize\n资源利用率：闲置主机（按模板的闲置规则，如徽州第三十条、大同第二十七条：CPU 峰值连续 3 个月低于 5%）和各主机最近一月（或 --month）的 CPU 平均、峰值、内存使用率、存储已用。\nimport：运维导入服务商的月报（CSV，UTF-8 或 GBK；或 Excel .xlsx 的第一张表），表头须有主机名（或 IP）、月份、CPU峰值，可有 CPU平均、内存使用率、存储已用；按交付记录的主机名或 IP 对应到申请，对应不上的逐行列出；同一主机同月再导入时替换。\npropose：为有闲置主机的系统起草回收（注销申请）或降配（变更申请）草稿，按原申请预填并写明闲置情况。\n有闲置主机的单位再提交申请时，受理（第一个环节）会提示，签署须写明意见。\n" },
	{ "eval", cmd_eval, CLI_DB | CLI_ROLE, { "--year=", "--unit=", "--reason=" }, "yunshen [--db 路径] eval 模板 [--year 年度] [--json]\nyunshen eval add 模板 期间 方面=分数 ... [--unit 单位] [--reason 理由]\n对云服务商的服务考评（徽州第三十一条、泰州第二十条、大同第二十六条）：每期（模板规定按季度等，如 2026-Q3）各考评方面（服务响应、服务满意度、服务质量，大同另有安全管理）的分数；管理部门（审核人、领导、主管部门）以自己名义录入，录入员用 --unit 代使用单位录入；低于模板的低分线（如 60 分）须写明理由。同一人同期再录入时替换。\n不带 add：每期各方面的管理部门、使用单位平均分和本项得分（两者的平均），本期得分（各方面的平均），年度得分，低分及理由。\n" },
	{ "settle", cmd_settle, CLI_DB | CLI_ROLE, { "-o=", "--output=" }, "yunshen [--db 路径] settle 模板 年度 [-o 文件.xlsx] [--json]\n年度服务费用结算（大同第三十条：据实结算）：服务目录费用（按天折算），减去闲置主机闲置月份按主机分摊的费用（资源使用情况评估），乘以年度考评得分所在分数段的结算比例（模板 evaluation.settlement）。-o 写出结算表（结算汇总、费用明细、考评）。\n" },
	{ "fees", cmd_fees, CLI_DB | CLI_ROLE, { "--month=", "--year=", "--unit=", "--template=" }, "yunshen [--db 路径] fees [--month YYYY-MM | --year YYYY] [--unit 单位] [--template 模板] [--json]\n服务费用：每个单位、每个系统、每月的费用，按审批的配置和服务目录单价、按天折算（计费自模板规定的环节起，如大同的交付确认，否则自首次交付；回收当天停止计费）；调价自生效日期起适用。\n--month：一个月的逐项明细（默认本月）；--year：年度使用报表，每个系统每月一行（天数、资源、费用）。\n" },
	{ "export", cmd_export, CLI_DB | CLI_ROLE, { "-o=", "--output=" }, "yunshen [--db 路径] export form ID -o 文件.xlsx | export month YYYY-MM -o 文件.xlsx [--json]\nform：申请按本辖区纸质表样式打印（A4，勾选框，文号，签字栏空白或已签署的意见、签署人和日期）。\nmonth：领导月报（收件、受理、审批、开通、变更、注销数，时限执行，按单位和辖区的资源、资源池使用率、费用，图表和明细表）。\n" },
};

const cli_command *cli_find(const char *name)
{
	for (size_t i = 0; name && i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* Output built in memory is written out once it is this long. */
#define FLUSH_AT (1 << 16)

/* Whether a listing has begun to be written out (cli_list_flush). */
static int list_started;

static int csv_out(const cli *c, const buf *b, int first)
{
	ys_err ce;
	if (csv_write(stdout, b, c->csv == 2, first, &ce)) {
		cli_error("%s", ce.msg);
		return -1;
	}
	return 0;
}

void cli_list_flush(const cli *c, const char *member, buf *items)
{
	if ((!c->json && !c->csv) || items->len < FLUSH_AT)
		return;
	if (c->json && !list_started)
		printf("{\"today\":\"%.10s\",\"%s\":[", c->now, member);
	if (c->json) {
		cli_emit_flush(items);
	} else {
		csv_out(c, items, !list_started);
		items->len = 0;
		items->s[0] = '\0';
	}
	list_started = 1;
}

int cli_list_end(const cli *c, int rc, const ys_err *e, const char *member, int n, buf *items,
		 const char *count_fmt)
{
	if (rc && e) {
		cli_error("%s", e->msg);
	} else if (!rc && c->csv) {
		rc = csv_out(c, items, !list_started) != 0;
	} else if (!rc && c->json && list_started) {
		printf("%s],\"count\":%d}\n", items->s ? items->s : "", n);
	} else if (!rc && c->json) {
		printf("{\"today\":\"%.10s\",\"count\":%d,\"%s\":[%s]}\n", c->now, n, member,
		       items->s ? items->s : "");
	} else if (!rc) {
		printf(count_fmt, n);
	}
	buf_free(items);
	return rc ? 1 : 0;
}

static buf said;

void cli_done(const cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (c->json) {
		char *s = NULL;
		if (vasprintf(&s, fmt, ap) >= 0) {
			size_t n = strlen(s);
			while (n && s[n - 1] == '\n')
				s[--n] = '\0';
			if (said.len)
				buf_puts(&said, "\n");
			buf_puts(&said, s);
			free(s);
		}
	} else if (!c->quiet) {
		vprintf(fmt, ap);
	}
	va_end(ap);
}

void cli_json_end(FILE *fp, int rc, const char *err)
{
	buf b = { 0 };
	buf_printf(&b, "{\"format_version\":%d,\"ok\":%s,\"%s\":", CLI_JSON_VERSION, rc ? "false" : "true",
		   rc ? "error" : "message");
	/* The error's first message (after any progress line), without the
	 * program's prefix. */
	const char *m = rc ? (err && strstr(err, "yunshen: ") ? strstr(err, "yunshen: ") : err) : said.s;
	char *first = xstrdup(m ? m : "");
	char *nl = strchr(first, '\n');
	if (nl)
		*nl = '\0';
	buf_json_str(&b, !strncmp(first, "yunshen: ", 9) ? first + 9 : first);
	free(first);
	buf_puts(&b, "}\n");
	fwrite(b.s, 1, b.len, fp);
	buf_free(&b);
	buf_free(&said);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("yunshen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void (*cli_live)(const char *s);

/* Progress is shown as it happens, not with the rest of stderr at the end. */
static void live(const char *s)
{
	if (cli_live) {
		cli_live(s);
	} else {
		fputs(s, stderr);
		fflush(stderr);
	}
}

static void on_stderr(const char *what, const char *unit, long long done, long long total, void *ctx)
{
	(void)ctx;
	char words[240], line[256];
	progress_words(words, sizeof words, what, unit, done, total);
	snprintf(line, sizeof line, "\r\033[K%s", words);
	live(line);
}

const ys_progress *cli_progress(void)
{
	static const ys_progress p = { on_stderr, NULL };
	return isatty(2) ? &p : NULL;
}

void cli_progress_end(const ys_progress *p)
{
	if (p)
		live("\r\033[K");
}

void cli_cell(const char *s, int cols)
{
	int used;
	size_t n = text_cut(s ? s : "", cols, &used);
	fwrite(s, 1, n, stdout);
	for (; used < cols; used++)
		putchar(' ');
}

const char *cli_opt(const cli *c, const char *name)
{
	for (int i = 0; c->cmd && i < CLI_MAX_OPTS && c->cmd->opts[i]; i++)
		if (!strncmp(c->cmd->opts[i], name, strlen(name)) &&
		    (c->cmd->opts[i][strlen(name)] == '\0' || c->cmd->opts[i][strlen(name)] == '='))
			return c->optv[i];
	return NULL;
}

int cli_id(const char *s, long long *id)
{
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;
	if (!s || *end || v <= 0) {
		cli_error("申请编号“%s”无效（应为正整数）", s ? s : "");
		return -1;
	}
	*id = v;
	return 0;
}

int cli_open(cli *c, int flags, int role)
{
	ys_err e;
	if (!c->s && store_open(c->db_path, flags, &c->s, &e)) {
		cli_error("%s", e.msg);
		return -1;
	}
	/* The holiday years imported since the table, for every deadline. */
	if (user_load(c->s, c->login, &c->me, &e) || calendar_load(c->s, &e) ||
	    (!store_readonly(c->s) && (duties_refresh(c->s, &e) || capacity_refresh(c->s, &e)))) {
		cli_error("%s", e.msg);
		return -1;
	}
	if (role && !c->me.nroles) {
		cli_error("%s 在数据库 %s 中没有任何角色；请管理员运行 yunshen user add %s --role 角色", c->login,
			  c->db_path, c->login);
		return -1;
	}
	return 0;
}

/* Takes the command's options out of argv: "--name value", "--name=value"
 * or a flag; anything else starting with "--" is refused. */
static int parse_opts(cli *c, int argc, char **argv)
{
	const cli_command *k = c->cmd;
	c->argc = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		int found = -1;
		size_t nl = strcspn(a, "=");
		for (int o = 0; a[0] == '-' && o < CLI_MAX_OPTS && k->opts[o] && found < 0; o++)
			if (strlen(k->opts[o]) - (strchr(k->opts[o], '=') ? 1 : 0) == nl && !strncmp(k->opts[o], a, nl))
				found = o;
		/* Anything else with a single dash ("-3", "-") is an argument. */
		if (found < 0 && strncmp(a, "--", 2)) {
			argv[c->argc++] = argv[i];
			continue;
		}
		if (found < 0) {
			cli_error("未知选项 %s：%s 没有这个选项（yunshen %s --help 查看用法）", a, k->name, k->name);
			return -1;
		}
		int takes = strchr(k->opts[found], '=') != NULL;
		if (!takes && a[nl]) {
			cli_error("%.*s 不带值", (int)nl, a);
			return -1;
		}
		if (takes && a[nl] == '=') {
			c->optv[found] = a + nl + 1;
		} else if (takes) {
			if (i + 1 >= argc) {
				cli_error("%s 需要一个值", a);
				return -1;
			}
			c->optv[found] = argv[++i];
		} else {
			c->optv[found] = "";
		}
	}
	c->argv = argv;
	return 0;
}

int cli_run(cli *c, const cli_command *k, int argc, char **argv)
{
	c->cmd = k;
	if (parse_opts(c, argc, argv))
		return EXIT_USAGE;
	/* --csv (a spreadsheet's listing) is its own format: not with --json. */
	c->csv = cli_opt(c, "--csv") ? 1 + (cli_opt(c, "--gbk") != NULL) : 0;
	if (cli_opt(c, "--gbk") && !c->csv) {
		cli_error("--gbk 只和 --csv 一起用（yunshen %s --csv --gbk）", k->name);
		return EXIT_USAGE;
	}
	if (c->csv && c->json) {
		cli_error("--csv 和 --json 只能选一个");
		return EXIT_USAGE;
	}
	if ((k->needs & (CLI_DB | CLI_CREATE)) &&
	    cli_open(c, k->needs & CLI_CREATE ? STORE_CREATE : STORE_OPEN, k->needs & CLI_ROLE))
		return 1;
	return k->fn(c);
}

int cli_pairs(int argc, char **argv, const char ***ids, const char ***vals)
{
	*ids = xcalloc((size_t)argc + 1, sizeof **ids);
	*vals = xcalloc((size_t)argc + 1, sizeof **vals);
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq) {
			cli_error("“%s”应写作 字段=值", argv[i]);
			return EXIT_USAGE;
		}
		*eq = '\0';
		(*ids)[i] = argv[i];
		(*vals)[i] = eq + 1;
	}
	return 0;
}

void cli_emit_flush(buf *out)
{
	buf_spill(out, stdout, FLUSH_AT);
}

int cli_emit(int rc, const ys_err *e, buf *out)
{
	if (rc)
		cli_error("%s", e->msg);
	else if (out->s)
		fputs(out->s, stdout);
	buf_free(out);
	return rc ? 1 : 0;
}
