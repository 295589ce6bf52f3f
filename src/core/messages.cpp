#include "core/messages.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

namespace jieli {
namespace {

struct Text {
  const char* zh;
  const char* en;
};

// The catalogue. Keys are error codes; "field.<code>" keys are field issues.
// Keep entries grouped by the module that emits them.
const std::unordered_map<std::string_view, Text>& Catalogue() {
  static const std::unordered_map<std::string_view, Text> kCatalogue = {
      // Generic fall-backs, by the first segment of a code.
      {"internal",
       {"服务器内部错误，请稍后重试。", "Internal server error. Please try again later."}},
      {"not_found", {"未找到该记录。", "Not found."}},
      {"request_failed", {"请求失败。", "The request failed."}},
      {"validation.failed",
       {"提交的数据有误，请检查标出的字段。", "Some fields are invalid; please check them."}},

      // http
      {"http.not_found", {"请求的地址不存在。", "No such address."}},
      {"http.method_not_allowed", {"该地址不支持此请求方法。", "This method is not allowed here."}},
      {"http.invalid_json", {"请求内容不是有效的 JSON。", "The request body is not valid JSON."}},
      {"http.expected_object",
       {"请求内容应为 JSON 对象。", "The request body must be a JSON object."}},
      {"http.too_deep", {"请求内容嵌套层级过深。", "The request body is nested too deeply."}},
      {"http.nul_character",
       {"请求内容含有空字符（\\u0000），无法保存。",
        "The request body contains a NUL character (\\u0000), which cannot be stored."}},
      {"http.body_too_large",
       {"请求内容过大（上限 {limit}）。", "The request body is too large (limit {limit})."}},
      {"http.unsupported_media_type",
       {"请求内容类型应为 application/json。", "Content-Type must be application/json."}},
      {"http.bad_request", {"请求格式错误。", "Malformed request."}},
      {"http.invalid_query", {"查询参数有误。", "Invalid query parameter."}},
      {"http.bind_failed", {"无法监听地址 {address}。", "Cannot listen on {address}."}},
      {"http.header_too_large",
       {"请求头过大（上限 {limit}）。", "The request headers are too large (limit {limit})."}},

      // store
      {"store.unavailable",
       {"数据库暂时无法访问，请稍后重试。",
        "The database is unavailable; please try again later."}},
      {"store.busy", {"系统繁忙，请稍后重试。", "The system is busy; please try again."}},
      {"store.nul_in_text",
       {"内容含有空字符（U+0000），无法保存。",
        "The text contains a NUL character (U+0000), which cannot be stored."}},
      {"store.conflict", {"数据与已有记录冲突。", "The data conflicts with an existing record."}},
      {"store.backup_unsupported",
       {"PostgreSQL 数据库请使用 pg_dump 备份。", "For PostgreSQL, back up with pg_dump."}},
      {"store.backup_failed", {"备份失败：{reason}", "Backup failed: {reason}"}},
      {"store.migration_order", {"数据库迁移版本顺序错误。", "Migrations are out of order."}},
      {"store.migration_unknown",
       {"数据库版本比程序新，请升级程序。",
        "The database is newer than this program; upgrade it."}},
      {"store.invalid_url",
       {"数据库地址无效：应为 sqlite:路径 或 postgresql://…",
        "Invalid database URL: use sqlite:PATH or postgresql://…"}},
      {"store.corrupt",
       {"数据库中保存的数据已损坏，请联系系统管理员。",
        "Stored data is damaged; please contact the system administrator."}},

      // notifications, live events, background jobs
      {"notifications.not_found", {"通知不存在。", "No such notification."}},
      {"events.too_many_streams",
       {"打开的实时连接过多（上限 {max} 个），请关闭部分页面后重试。",
        "Too many live connections are open (at most {max}); close some tabs and try again."}},
      {"jobs.not_found", {"后台任务不存在。", "No such background job."}},
      {"jobs.lease_lost",
       {"后台任务已由其他节点接手。", "Another node has taken over this background job."}},

      // auth
      {"auth.unauthenticated", {"请先登录。", "Please sign in."}},
      {"auth.session_expired",
       {"登录已超时，请重新登录。", "Your session has expired; please sign in again."}},
      {"auth.invalid_credentials",
       {"用户名或密码错误。连续错误 {max} 次后，需等 {minutes} 分钟才能再次登录。",
        "Wrong user name or password. After {max} failures in a row, signing in waits "
        "{minutes} minutes."}},
      {"auth.locked",
       {"验证失败次数过多，已退出登录；{minutes} 分钟内不能从此地址登录该账号。",
        "Too many failed checks: you are signed out, and this account cannot sign in from "
        "this address for {minutes} minutes."}},
      {"auth.inactive", {"该账号已停用。", "This account is deactivated."}},
      {"auth.csrf",
       {"安全校验失败（缺少或错误的 CSRF 令牌），请刷新页面后重试。",
        "Security check failed (missing or wrong CSRF token); reload the page and try again."}},
      {"auth.forbidden", {"您没有执行此操作的权限。", "You are not permitted to do this."}},
      {"auth.totp_required", {"请输入动态验证码。", "Enter your one-time code."}},
      {"auth.totp_invalid", {"动态验证码错误。", "Wrong one-time code."}},
      {"auth.totp_setup_required",
       {"您的角色要求启用双因素认证，请先设置动态验证码。",
        "Your role requires two-factor sign-in; set up a one-time code first."}},
      {"auth.wrong_password", {"当前密码错误。", "The current password is wrong."}},
      {"auth.token_not_found", {"令牌不存在。", "No such token."}},
      {"auth.totp_already_enabled",
       {"动态验证码已启用；如需更换，请先停用。",
        "Two-factor sign-in is already on; turn it off first to change it."}},
      {"auth.totp_not_started",
       {"尚未开始设置动态验证码。", "Two-factor set-up has not been started."}},
      // auth.forbidden when the permission the caller holds nowhere is named
      // (auth::NotHeldAnywhereError), and the names of the permissions it fills in.
      {"auth.forbidden{permission}",
       {"您没有“{permission}”的权限。", "You do not have permission to {permission}."}},
      {"auth.permission.orgs.read", {"查看组织和人员", "view organisations and their people"}},
      {"auth.permission.orgs.manage", {"管理组织机构", "manage organisations"}},
      {"auth.permission.regions.manage", {"管理区域", "manage regions"}},
      {"auth.permission.users.manage", {"管理用户", "manage users"}},
      {"auth.permission.audit.read", {"查看审计日志", "read the audit log"}},
      {"auth.permission.settings.manage", {"管理安全设置", "manage the security settings"}},
      {"auth.permission.clients.read", {"查看服务对象", "view clients"}},
      {"auth.permission.clients.write", {"登记和编辑服务对象", "register and edit clients"}},
      {"auth.permission.clients.reveal",
       {"查看服务对象的完整证件号码和电话", "see clients' ID numbers and phones in clear"}},
      {"auth.permission.cases.read", {"查看个案", "view cases"}},
      {"auth.permission.cases.write", {"办理个案", "work on cases"}},
      {"auth.permission.cases.approve", {"审批个案", "approve cases"}},
      {"auth.permission.cases.notes", {"查看个案记录和附件", "read case notes and files"}},
      {"auth.permission.cases.configure",
       {"设置个案阶段期限和表单", "set case stage deadlines and forms"}},
      {"auth.permission.cases.assign", {"指派个案督导", "name case supervisors"}},
      {"auth.permission.jobs.read", {"查看后台任务", "view background jobs"}},
      {"auth.permission.quality.read", {"查看质量管理", "view quality management"}},
      {"auth.permission.quality.manage", {"管理质量工作", "manage quality work"}},

      // orgs
      {"orgs.not_found", {"未找到该组织。", "Organisation not found."}},
      {"orgs.region_not_found", {"未找到该区域。", "Region not found."}},
      {"orgs.user_not_found", {"未找到该用户。", "User not found."}},
      {"orgs.username_taken",
       {"用户名“{username}”已被使用。", "The user name \"{username}\" is taken."}},
      {"orgs.parent_cycle",
       {"上级组织不能是其自身或其下级。",
        "An organisation cannot be placed under itself or its descendants."}},
      {"orgs.parent_kind",
       {"该类型的组织不能设在所选的上级组织之下（社工站设在机构下，部门设在机构或社工站下，机构和合"
        "作方设在民政局下）。",
        "This kind of organisation cannot sit under the chosen parent (stations under agencies, "
        "departments under agencies or stations, agencies and partners under the bureau)."}},
      {"orgs.inactive", {"该组织已停用。", "This organisation is deactivated."}},
      {"orgs.region_level",
       {"区域层级不正确：区设在市下，街道设在区下，社区设在街道下。",
        "Wrong region level: districts sit under a city, streets under a district, communities "
        "under a street."}},

      // cases
      {"cases", {"个案操作失败。", "The case operation failed."}},
      {"cases.invalid_transition",
       {"个案不能这样转换阶段：只能进入下一阶段，或从评估退回介入、计划，从介入退回计划。",
        "A case moves on to its next stage, or steps back from evaluation to intervention or "
        "planning, or from intervention to planning; no other move is possible."}},
      {"cases.stage_incomplete",
       {"本阶段表单尚未填写完整，请补全标出的必填项。",
        "This stage's form is incomplete; fill in the marked fields."}},
      {"cases.approval_pending",
       {"该个案有待督导审批的申请，审批后才能继续。",
        "This case is waiting for a supervisor's approval."}},
      {"cases.no_service_records",
       {"进入评估阶段前，至少需要一条服务记录。",
        "At least one service record is needed before evaluation."}},
      {"cases.closed",
       {"该个案已结案；如需继续服务，请重新开案。", "This case is closed; reopen it to continue."}},
      {"cases.not_closed",
       {"只有已结案的个案才能重新开案。", "Only a closed case can be reopened."}},
      {"cases.self_approval",
       {"不能审批自己负责的个案。", "You cannot approve a case you work on."}},
      {"cases.transfer_same_worker",
       {"该个案已由这位社工负责。", "This worker already handles the case."}},
      {"cases.transfer_to_supervisor",
       {"这位社工是本案的督导；转交给其本人时，须同时指定新的督导（由机构负责人操作）。",
        "This worker supervises the case; handing it to them needs a new supervisor named in the "
        "same request (by a leader)."}},
      {"cases.supervisor_unchanged",
       {"这位督导已在督导该个案。", "This supervisor already supervises the case."}},
      {"cases.gas_invalid",
       {"目标达成量表数据无效：至少需要一个目标，权重须大于 0，等级须在 −2 至 +2 之间。",
        "Invalid goal attainment data: at least one goal, weights above 0, levels from -2 to "
        "+2."}},
      {"cases.schema_invalid",
       {"自定义表单字段有误：{field}。", "Invalid custom form field: {field}."}},
      {"cases.stage.intake", {"接案", "Intake"}},
      {"cases.stage.assessment", {"预估", "Assessment"}},
      {"cases.stage.planning", {"计划", "Planning"}},
      {"cases.stage.intervention", {"介入", "Intervention"}},
      {"cases.stage.evaluation", {"评估", "Evaluation"}},
      {"cases.stage.closed", {"结案", "Closed"}},
      {"cases.risk.low", {"低", "Low"}},
      {"cases.risk.medium", {"中", "Medium"}},
      {"cases.risk.high", {"高", "High"}},
      {"cases.risk.critical", {"极高", "Critical"}},
      {"cases.not_found", {"未找到该个案。", "Case not found."}},
      {"cases.approval_not_found", {"未找到该审批。", "Approval not found."}},
      {"cases.followup_not_found", {"未找到该回访。", "Follow-up not found."}},
      {"cases.attachment_not_found", {"未找到该附件。", "Attachment not found."}},
      {"cases.changed",
       {"该个案刚被他人修改，请刷新后重试。",
        "Someone else has just changed this case; reload and try again."}},
      {"cases.not_on_team",
       {"只有个案团队成员或督导、负责人可以修改该个案。",
        "Only the case team, supervisors and leaders can change this case."}},
      {"cases.stage_not_editable",
       {"该阶段尚未开始，不能填写其表单。",
        "This stage has not begun; its form cannot be filled in yet."}},
      {"cases.approval_decided",
       {"该申请已经审批过了。", "This request has already been decided."}},
      {"cases.followup_closed",
       {"该回访已完成或已取消。", "This follow-up is already done or cancelled."}},
      {"cases.followup_due",
       {"请先完成这次回访，再为新需求建个案。",
        "Record this follow-up first, then open a case for its new needs."}},
      {"cases.followup_no_needs",
       {"这次回访没有记录新的需求。", "This follow-up recorded no new needs."}},
      {"cases.followup_case_opened",
       {"已为这次回访的新需求建了个案（编号 {existing_id}）。",
        "A case has already been opened for this follow-up's new needs (no. {existing_id})."}},
      {"cases.client_has_open_case",
       {"该服务对象在本机构已有未结案的个案（编号 {existing_id}）。",
        "This client already has an open case here (no. {existing_id})."}},
      {"cases.attachment_empty", {"附件是空文件。", "The attachment is empty."}},
      {"cases.attachment_too_large",
       {"附件不能超过 {max_mb} MB。", "An attachment may be at most {max_mb} MB."}},
      {"cases.attachment_type",
       {"仅支持 PDF、JPEG、PNG、Word（.docx）、Excel（.xlsx）和纯文本（.txt）文件。",
        "Only PDF, JPEG, PNG, Word (.docx), Excel (.xlsx) and plain text (.txt) files are "
        "accepted."}},
      {"cases.service_mode.face_to_face", {"面谈", "Face to face"}},
      {"cases.service_mode.home_visit", {"家访", "Home visit"}},
      {"cases.service_mode.phone", {"电话", "Phone"}},
      {"cases.service_mode.online", {"线上", "Online"}},
      {"cases.service_mode.group", {"小组", "Group"}},
      {"cases.plan_not_approved",
       {"服务计划尚未获批；计划阶段请提交“进入介入”申请，由督导审批计划。",
        "The plan has not been approved yet; in planning, ask to move to intervention and the "
        "supervisor approves the plan."}},
      {"cases.plan_unchanged",
       {"服务计划与已批准的版本相同，无需重新审批。",
        "The plan is the same as the approved version; there is nothing to approve."}},
      {"cases.goals_fixed_by_plan",
       {"评估的目标及权重取自已批准的服务计划，不能在评估时增加、删除或修改；如需调整，请修订服务计"
        "划。",
        "Evaluation scores the goals and weights of the approved plan; they cannot be added, "
        "dropped or changed here. Revise the plan instead."}},
      {"cases.risk_review_pending",
       {"本机构规定：高风险预估须经督导审阅后，个案才能进入下一阶段。",
        "Your agency requires a supervisor to review a high-risk assessment before the case moves "
        "on."}},
      {"cases.no_risk_review",
       {"该个案没有待审阅的高风险预估。", "This case has no risk review waiting."}},
      {"cases.risk_review_done",
       {"该高风险预估已审阅。", "This risk assessment was already reviewed."}},
      {"cases.service_mode.crisis", {"危机介入", "Crisis intervention"}},
      {"cases.service_not_found", {"未找到该服务记录。", "Service record not found."}},
      {"cases.comment_not_allowed",
       {"督导点评须由本案督导，或不在个案团队中的督导、负责人填写，且不能点评自己写的记录。",
        "Comments come from the case's supervisor, or a supervisor or leader not on the case "
        "team, and never on a record of one's own."}},
      {"cases.service_fixed",
       {"服务记录写下 7 天后不能再修改；如有错误，可撤回该记录并注明原因。",
        "A service record cannot be corrected more than 7 days after it was written; withdraw it "
        "with a reason instead."}},
      {"cases.service_not_author",
       {"只有记录的撰写人可以修改服务记录。", "Only its author may correct a service record."}},
      {"cases.service_withdrawn",
       {"该服务记录已撤回，不能再修改。", "This service record was withdrawn; it cannot change."}},
      {"cases.withdraw_not_allowed",
       {"只有记录的撰写人或本案督导可以撤回服务记录。",
        "Only its author or the case's supervisor may withdraw a service record."}},

      // clients
      {"clients.not_found", {"未找到该服务对象。", "Client not found."}},
      {"clients.duplicate_id_number",
       {"该身份证号已登记（服务对象编号 {existing_id}），请勿重复建档。",
        "This ID number is already registered (client {existing_id})."}},
      {"clients.possible_duplicate",
       {"发现 {count} 位姓名相近且手机号相同的服务对象，可能重复；确认不是同一人后可继续保存。",
        "{count} client(s) with a similar name and the same phone exist; confirm this is not a "
        "duplicate to save anyway."}},
      {"clients.import_has_errors",
       {"有 {count} 行数据有误，未导入任何记录；请修正后重新导入。",
        "{count} row(s) have errors; nothing was imported. Fix them and import again."}},
      {"clients.import_encoding",
       {"无法识别文件编码，请将文件另存为 UTF-8 编码的 CSV 后重新上传。",
        "The file's encoding is not recognised; save it as UTF-8 CSV and upload it again."}},
      {"clients.import_malformed",
       {"CSV 文件格式错误：第 {row} 行的引号没有闭合。",
        "Malformed CSV: the quote opened on line {row} is never closed."}},
      {"clients.import_bad_xlsx",
       {"无法读取该 Excel 文件，请确认是 .xlsx 格式。",
        "The Excel file cannot be read; make sure it is an .xlsx workbook."}},
      {"clients.import_too_many_rows",
       {"文件行数过多（最多 {max} 行），请分批导入。",
        "Too many rows (at most {max}); import in batches."}},
      {"clients.import_no_header",
       {"未找到表头：第一行应包含“姓名”等列名。",
        "No header row found: the first row must name the columns, including 姓名 (name)."}},
      {"clients.import_empty", {"文件中没有数据行。", "The file has no data rows."}},
      {"clients.import_media_type", {"请上传 .xlsx 或 CSV 文件。", "Upload an .xlsx or CSV file."}},
      {"clients.export_too_large",
       {"符合条件的记录有 {count} 条，超过导出上限 {max} 条，请缩小筛选范围。",
        "{count} clients match, more than the export limit of {max}; narrow the filter."}},
      {"field.invalid_date",
       {"日期格式应为 YYYY-MM-DD，且须为有效日期。", "Must be a valid date written YYYY-MM-DD."}},
      {"field.date_in_future", {"日期不能晚于今天。", "The date cannot be in the future."}},
      {"field.id_number_invalid",
       {"身份证号无效（应为 18 位，且校验位正确）。",
        "Invalid ID number (18 characters with a correct check digit)."}},
      {"field.id_number_birth_mismatch",
       {"与身份证号中的出生日期（{date}）不一致。",
        "Differs from the birth date in the ID number ({date})."}},
      {"field.phone_invalid",
       {"电话号码无效：应为 11 位手机号或带区号的座机号。",
        "Invalid phone: an 11-digit mobile number or a landline with its area code."}},
      {"field.disability_level_without_category",
       {"填写残疾等级时须选择“残疾人”类别。",
        "A disability level needs the category \"disabled\"."}},
      {"field.withdrawn_before_given",
       {"撤回日期不能早于同意日期。", "Withdrawal cannot be before consent was given."}},
      {"field.duplicate_in_file",
       {"与文件第 {row} 行的身份证号重复。", "Same ID number as row {row} of the file."}},
      {"field.id_number_as_number",
       {"身份证号被存成了数字，末几位已丢失；请将该列设为文本格式后重新填写。",
        "The ID number was stored as a number and lost digits; format the column as text and "
        "enter it again."}},
      {"field.unknown_category", {"不认识的类别“{value}”。", "Unknown category \"{value}\"."}},
      {"field.duplicate_id_number",
       {"该身份证号已登记（服务对象编号 {existing_id}）。",
        "This ID number is already registered (client {existing_id})."}},
      {"field.candidate",
       {"可能是同一人：编号 {id}，{name}，{phone}。",
        "Possibly the same person: client {id}, {name}, {phone}."}},

      // quality: statistical rules (spc, periods, audit samples)
      {"quality.not_found", {"未找到该质量管理记录。", "Quality record not found."}},
      {"quality.baseline_outside",
       {"基线期不在所选时间范围内，或没有包含任何时期。",
        "The baseline is outside the chosen time range or holds no period."}},
      {"quality.baseline_short",
       {"基线期内有数据的时期太少（{actual} 个，至少需要 {minimum} 个），控制限不可靠。",
        "Too few periods with data in the baseline ({actual}; at least {minimum} are needed) "
        "for reliable control limits."}},
      {"quality.baseline_empty",
       {"基线期内没有任何数据，无法计算中心线。",
        "The baseline holds no data, so there is no centre line."}},
      {"quality.proportion_invalid",
       {"比例数据有误：分子、分母不能为负，分子不能大于分母。",
        "Invalid proportion: counts cannot be negative and the numerator cannot exceed the "
        "denominator."}},
      {"quality.value_invalid", {"指标值不是有效的数字。", "An indicator value is not a number."}},
      {"quality.period_key_invalid",
       {"统计周期格式有误，应为 2026-W05、2026-03、2026-Q1 或 2026。",
        "Invalid period; expected 2026-W05, 2026-03, 2026-Q1 or 2026."}},
      {"quality.period_range_invalid",
       {"开始日期不能晚于结束日期。", "The start date cannot be after the end date."}},
      {"quality.too_many_periods",
       {"所选时间范围包含的统计周期过多（上限 {maximum} 个），请缩短范围或改用更长的周期。",
        "The range holds too many periods (at most {maximum}); shorten it or choose a longer "
        "period."}},

      // quality: indicators, series, funnel plots, objectives
      {"quality.indicator_not_found", {"未找到该质量指标。", "Quality indicator not found."}},

      // quality: supervision, training, improvement cycles (PDCA)
      {"quality.invalid_transition",
       {"改进循环不能从“{from}”阶段转到“{to}”阶段，只能进入下一阶段。",
        "An improvement cycle cannot move from {from} to {to}; only to its next phase."}},
      {"quality.not_author",
       {"只有记录人可以修改这条督导记录。",
        "Only its author may correct this supervision record."}},
      {"quality.session_fixed",
       {"督导记录已超过 7 天，不能再修改。",
        "The supervision record is more than 7 days old and can no longer be corrected."}},
      {"quality.action_done", {"该行动已完成。", "The action is done already."}},
      {"quality.not_action_owner",
       {"只有行动负责人或督导/循环负责人可以更新该行动。",
        "Only the action's owner, or the supervisor or cycle owner, may update it."}},
      {"quality.changed",
       {"记录已被他人修改，请刷新后重试。",
        "Someone else changed this record; reload and try again."}},
      {"quality.cycle_closed", {"改进循环已结束。", "The improvement cycle is closed."}},
      {"field.too_many", {"条目过多（最多 {max} 条）。", "Too many entries (at most {max})."}},
      {"field.not_member", {"不是该机构的人员。", "Not a member of the organisation."}},
      {"field.not_supervisor",
       {"该人员在本机构没有督导或负责人角色。",
        "This person is not a supervisor or leader of the organisation."}},
      {"field.case_not_readable",
       {"督导无权查看该个案（或个案不存在）。",
        "The supervisor may not read this case (or it does not exist)."}},
      {"field.supervisor_not_supervisee",
       {"督导本人不能同时是被督导者。", "The supervisor cannot also be a supervisee."}},
      {"field.individual_needs_one",
       {"个别督导须有且只有一名被督导者。", "An individual session has exactly one supervisee."}},
      {"field.group_needs_two",
       {"团体督导至少需要两名被督导者。", "A group session needs at least two supervisees."}},
      {"quality.objective_exists",
       {"该机构已为这个指标设定了质量目标，请修改原目标。",
        "The organisation already has an objective for this indicator; change that one."}},
      {"field.not_measured",
       {"该指标尚未从业务记录中计算，暂不能设定目标。",
        "This indicator is not computed from the records yet, so it cannot have a target."}},

      // quality: indicator signals
      {"quality.signal_handled",
       {"该信号已处理（已忽略或已开启改进循环）。",
        "The signal has been handled already (dismissed or a cycle opened)."}},
      {"quality.signal_cycle_title",
       {"{indicator} {period} 出现信号", "{indicator}: a signal in {period}"}},
      {"quality.signal_cycle_problem",
       {"{org} 的“{indicator}”在 {period} 触发了控制图判异规则 {rules}（西电规则），需查明原因。",
        "{org}'s {indicator} broke control-chart rule(s) {rules} (Western Electric) in {period}; "
        "find out why."}},

      // quality: case-file audits (档案评审)
      {"quality.not_auditor",
       {"只有该个案的评审人（或质量管理人员）可以进行此操作。",
        "Only the case's auditor (or a quality manager) may do this."}},
      {"quality.not_finding_owner",
       {"只有该个案的主责社工可以标记问题已整改。",
        "Only the case's primary worker may mark the finding corrected."}},
      {"quality.audit_finished",
       {"本轮档案评审已结束，不能再修改。",
        "The audit round is finished and can no longer be changed."}},
      {"quality.audit_incomplete",
       {"还有个案未完成评审，不能结束本轮。",
        "Some cases of the round are not yet scored; it cannot be finished."}},
      {"quality.invalid_finding_state",
       {"该问题当前状态下不能进行此操作。", "The finding's state does not allow this."}},
      {"quality.finding_has_cycle",
       {"该问题已开启改进循环。", "An improvement cycle was opened from this finding already."}},
      {"field.before_from",
       {"结束日期不能早于开始日期。", "The end date cannot be before the start."}},
      {"field.date_in_past", {"日期不能早于今天。", "The date cannot be before today."}},
      {"field.stage_without_items",
       {"每个阶段至少需要一个在用的检查项（缺少：{stage}）。",
        "Every stage needs at least one item in use (missing: {stage})."}},
      {"field.not_in_checklist",
       {"不是该个案所处阶段的检查项。", "Not an item of the case's stages."}},
      {"field.unscored", {"还有 {count} 个检查项未评分。", "{count} items are not scored yet."}},
      {"field.not_in_sample",
       {"该个案不在本轮评审样本中。", "The case is not in the round's sample."}},

      // config (command line and environment)
      {"config.invalid",
       {"配置项 {name} 的取值无效。", "The setting {name} has an invalid value."}},

      // audit
      {"audit.chain_broken",
       {"审计日志在第 {id} 条处被篡改或删除。", "The audit log was altered or cut at entry {id}."}},

      // crypto
      {"crypto.init_failed", {"加密组件初始化失败。", "The cryptography library failed to start."}},
      {"crypto.hash_failed",
       {"密码处理失败，请稍后重试。", "The password could not be processed; please try again."}},
      {"crypto.key_missing",
       {"找不到字段加密密钥文件。", "The field encryption key file is missing."}},
      {"crypto.key_invalid",
       {"字段加密密钥文件格式错误（应为 64 个十六进制字符）。",
        "The field encryption key file is malformed (expected 64 hex characters)."}},
      {"crypto.key_permissions",
       {"字段加密密钥文件权限过宽，请设为仅所有者可读写（chmod 600）。",
        "The field encryption key file is accessible to others; restrict it to its owner (chmod "
        "600)."}},
      {"crypto.key_exists",
       {"密钥文件已存在，不会覆盖。", "The key file already exists and will not be overwritten."}},
      {"crypto.key_write_failed", {"无法写入密钥文件。", "The key file could not be written."}},
      {"crypto.decrypt_failed",
       {"加密数据无法解密（密钥不符或数据已损坏）。",
        "Encrypted data could not be decrypted (wrong key or corrupted data)."}},
      {"crypto.totp_secret_invalid",
       {"动态验证码密钥格式错误。", "The one-time code secret is malformed."}},

      // validation
      {"validation.date",
       {"日期格式应为 YYYY-MM-DD，且须为有效日期。",
        "Dates must be valid and written YYYY-MM-DD."}},
      {"validation.datetime",
       {"时间格式应为带时区的 RFC 3339 格式，如 2026-11-25T15:38:20+08:00。",
        "Times must be RFC 3339 with an offset, e.g. 2026-11-25T15:38:20+08:00."}},

      // Field issues.
      {"field.required", {"必填。", "Required."}},
      {"field.wrong_type", {"类型错误，应为{expected}。", "Wrong type; expected {expected}."}},
      {"field.too_long", {"过长（最多 {max} 个字符）。", "Too long (at most {max} characters)."}},
      {"field.too_short",
       {"过短（至少 {min} 个字符）。", "Too short (at least {min} characters)."}},
      {"field.out_of_range", {"超出范围（{min}–{max}）。", "Out of range ({min}–{max})."}},
      {"field.invalid_choice",
       {"取值无效，可选：{allowed}。", "Invalid value; allowed: {allowed}."}},
      {"field.invalid_format", {"格式不正确。", "Invalid format."}},
      {"field.invalid_name",
       {"字段名须以小写英文字母开头，只含小写字母、数字和下划线，最多 64 个字符。",
        "A field name starts with a lower-case letter and has only a-z, 0-9 and _ (at most 64)."}},
      {"field.name_taken",
       {"内置表单已有同名字段。", "The built-in form already has a field of this name."}},
      {"field.duplicate_value", {"与前面的条目重复。", "Repeats an earlier entry."}},
      {"field.unknown", {"不认识的字段。", "Unknown field."}},
      {"field.more_issues", {"另有 {count} 处问题未列出。", "{count} more issues not listed."}},
      {"field.password_too_short",
       {"密码至少 {min} 个字符。", "The password needs at least {min} characters."}},
      {"field.password_classes",
       {"密码需包含大写字母、小写字母、数字、符号中的至少三类。",
        "The password needs three of: upper case, lower case, digits, symbols."}},
      {"field.password_contains_username",
       {"密码不能包含用户名。", "The password may not contain the user name."}},
      {"field.not_found", {"所引用的记录不存在。", "The referenced record does not exist."}},
      {"field.not_eligible",
       {"所选人员不能担任此角色（须为本机构在职的社工或督导）。",
        "This person cannot take this role (an active worker or supervisor of the organisation)."}},
      {"field.wrong_password", {"当前密码不正确。", "The current password is wrong."}},
      {"field.no_supervisor",
       {"本机构及上级机构没有可担任督导的人员，请先为机构设置督导再开案。",
        "Nobody can supervise cases here or above: give the organisation a supervisor before "
        "opening a case."}},
      // Feedback: complaints and questionnaires (feedback/complaint.hpp, questionnaire.hpp).
      {"feedback.transition_invalid",
       {"该投诉建议当前的状态不能进行此操作。",
        "This cannot be done to the complaint in its current state."}},
      {"field.before_acknowledge",
       {"办结时限不能短于受理时限。",
        "The time to resolve cannot be shorter than the time to acknowledge."}},
      {"field.duplicate", {"与前面的条目重复。", "Repeats an earlier entry."}},
      {"field.no_questions",
       {"问卷至少需要一道题目。", "A questionnaire needs at least one question."}},
      {"field.section_answered",
       {"分节标题不能设为必答或计分。", "A section heading cannot be required or scored."}},
      {"field.not_allowed", {"此类题目不能设置这一项。", "This kind of item cannot have this."}},
      {"field.one_choice", {"此题只能选择一项。", "Choose exactly one answer."}},
      {"field.not_shown",
       {"按前面的回答，此题不需要作答。",
        "Given the earlier answers, this question is not asked."}},
      {"field.unknown_item", {"问卷中没有这道题。", "The questionnaire has no such question."}},
      {"field.one_client_only",
       {"只发给一位案主时才能关联个案。", "A case can be named only when sending to one client."}},
      // Surveys and the public pages (feedback/survey_service.hpp, http/rate_limit.hpp).
      {"survey.not_found", {"未找到该问卷。", "No such survey."}},
      {"survey.link_not_found",
       {"问卷链接无效，请向社工索取新的链接。",
        "This survey link is not valid; ask your social worker for a new one."}},
      {"survey.answered",
       {"这份问卷已经填写过了，谢谢！", "This survey has already been answered. Thank you!"}},
      {"survey.expired", {"问卷链接已过期。", "This survey link has expired."}},
      {"survey.withdrawn",
       {"您已撤回问卷调查的同意，无需填写。",
        "You have withdrawn your consent to surveys; there is nothing to answer."}},
      {"survey.closed", {"问卷调查已结束。", "This survey is closed."}},
      {"survey.version_conflict",
       {"问卷刚被他人更新，请刷新后再试。",
        "Someone has just changed this survey; reload and try again."}},
      {"survey.device_required",
       {"请允许浏览器保存 Cookie 后再提交。", "Allow cookies in your browser, then submit again."}},
      {"public.rate_limited",
       {"提交太频繁，请 {seconds} 秒后再试。",
        "Too many submissions; try again in {seconds} seconds."}},
      // Intake requests from the public booking page (feedback/intake_request.hpp).
      {"intake.not_found", {"未找到该接案申请。", "No such intake request."}},
      {"intake.changed",
       {"这条接案申请刚被他人处理或更新，请刷新后再试。",
        "Someone has just handled or changed this request; reload and try again."}},
      {"intake.handled", {"这条接案申请已经处理过了。", "This request has already been handled."}},
      {"intake.unassigned",
       {"这条申请还在市级待分派队列中，请先分派给机构。",
        "This request is still in the city's queue; hand it to an agency first."}},
      {"intake.assigned",
       {"这条申请已经分派给机构。", "This request has already been handed to an agency."}},
      {"field.must_agree",
       {"请勾选同意工作人员与您联系。", "Please agree to be contacted by the agency's staff."}},
      {"field.too_far_ahead",
       {"日期太远（最多可选 {days} 天内）。", "Too far ahead (at most {days} days)."}},
      // Feedback: contacts and the working-day calendar (feedback/contact.hpp, working_days.hpp).
      {"feedback.not_found", {"未找到该联系记录。", "No such contact record."}},
      {"feedback.follow_up_none",
       {"这条联系记录没有需要跟进的事项。", "This contact has nothing to follow up."}},
      {"feedback.follow_up_done",
       {"这条联系记录的跟进已完成。", "This contact's follow-up is already done."}},
      {"feedback.complaint_not_found", {"未找到该投诉建议。", "No such complaint."}},
      {"feedback.no_contact", {"投诉人没有留下联系方式。", "The complainant left no contact."}},
      {"feedback.not_handler",
       {"只有处理人和质量管理人员可以处理这条投诉建议。",
        "Only the handler and those who manage quality can act on this complaint."}},
      {"feedback.complaint_changed",
       {"这条投诉建议刚被他人更新，请刷新后再试。",
        "Someone has just changed this complaint; reload and try again."}},
      {"feedback.complaint_has_cycle",
       {"这条投诉建议已经发起过改进循环。", "An improvement cycle was already opened from it."}},
      {"field.concerned",
       {"被投诉的人不能处理针对自己的投诉。", "Nobody handles a complaint about themself."}},
      {"field.too_old",
       {"时间太早（最多补录 {days} 天内的记录）。",
        "Too long ago (records can be entered up to {days} days late)."}},
      {"field.before_contact",
       {"跟进日期不能早于联系日期。", "The follow-up cannot be due before the contact."}},
      {"field.too_far",
       {"跟进日期不能晚于联系后一年。", "Due more than a year after the contact."}},
      {"field.case_of_other_client",
       {"该个案不属于所选案主。", "The case is not the chosen client's."}},
      {"field.not_in_year", {"日期不在所选年份内。", "The date is not in the chosen year."}},
      {"field.workday_on_weekday",
       {"调休上班日应为周末（周一至周五本就是工作日）。",
        "A moved working day is a weekend day (Monday to Friday are working days anyway)."}},
  };
  return kCatalogue;
}

const Text* Find(std::string_view code) {
  const auto& catalogue = Catalogue();
  auto it = catalogue.find(code);
  return it == catalogue.end() ? nullptr : &it->second;
}

std::string Fill(std::string_view text, const std::map<std::string, std::string>& params) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      auto close = text.find('}', i);
      if (close != std::string_view::npos) {
        auto it = params.find(std::string(text.substr(i + 1, close - i - 1)));
        if (it != params.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace

Lang LangFromAcceptLanguage(std::string_view header) {
  // The first tag we support decides; q-values are rarely used to reorder by browsers.
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto end = header.find(',', pos);
    auto item =
        header.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item.size() >= 2) {
      char a = static_cast<char>(std::tolower(static_cast<unsigned char>(item[0])));
      char b = static_cast<char>(std::tolower(static_cast<unsigned char>(item[1])));
      if (a == 'z' && b == 'h') return Lang::kZh;
      if (a == 'e' && b == 'n') return Lang::kEn;
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return Lang::kZh;
}

std::string_view LangTag(Lang lang) { return lang == Lang::kEn ? "en" : "zh-CN"; }

std::string Message(std::string_view code, Lang lang,
                    const std::map<std::string, std::string>& params) {
  // A code may have a wording for when a parameter is given, keyed
  // "code{param}" ("auth.forbidden{permission}"); the plain one otherwise.
  const Text* text = nullptr;
  for (auto it = params.begin(); it != params.end() && text == nullptr; ++it) {
    text = Find(std::string(code) + "{" + it->first + "}");
  }
  if (text == nullptr) text = Find(code);
  if (text == nullptr) {
    auto dot = code.find('.');
    if (dot != std::string_view::npos) text = Find(code.substr(0, dot));
  }
  if (text == nullptr) text = Find("request_failed");
  return Fill(lang == Lang::kEn ? text->en : text->zh, params);
}

std::string FieldMessage(std::string_view code, Lang lang,
                         const std::map<std::string, std::string>& params) {
  std::string key = "field.";
  key += code;
  const Text* text = Find(key);
  if (text == nullptr) text = Find("field.invalid_format");
  return Fill(lang == Lang::kEn ? text->en : text->zh, params);
}

bool HasMessage(std::string_view code) { return Find(code) != nullptr; }

}  // namespace jieli
