#include "modules/cases/case_demo.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/local_time.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"
#include "modules/cases/scales.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/services.hpp"

namespace jieli::cases {
namespace {

constexpr EpochMs kHour = 60LL * 60 * 1000;
constexpr EpochMs kDay = 24 * kHour;

// A presenting problem and the needs (domain, severity) it usually brings.
struct Problem {
  const char* category;  // the client category it fits ("" = any)
  const char* text;
  std::vector<std::pair<const char*, int>> needs;
};

const std::vector<Problem>& Problems() {
  static const std::vector<Problem> kProblems = {
      {"elderly",
       "独居老人，近期在家跌倒两次，子女在外地，情绪低落",
       {{"physical", 4}, {"social", 3}, {"psychological", 2}}},
      {"elderly",
       "高龄老人患糖尿病，服药不规律，社区医生反映血糖控制差",
       {{"physical", 4}, {"family", 2}}},
      {"elderly",
       "老人与儿媳长期矛盾，近期发生争吵后拒绝进食",
       {{"family", 4}, {"psychological", 3}}},
      {"elderly",
       "失能老人由老伴照顾，照顾者身心疲惫，申请喘息服务",
       {{"family", 4}, {"physical", 3}, {"economic", 2}}},
      {"elderly",
       "老人轻度认知障碍，多次走失，家属求助",
       {{"physical", 3}, {"family", 3}, {"social", 2}}},
      {"child",
       "父母离异后随祖父母生活，在校打架，学习成绩下滑",
       {{"family", 4}, {"education", 3}, {"psychological", 3}}},
      {"child",
       "儿童疑似遭受家庭暴力，学校老师转介",
       {{"family", 5}, {"psychological", 4}, {"legal", 3}}},
      {"left_behind",
       "留守儿童沉迷手机游戏，与祖辈沟通困难",
       {{"family", 3}, {"education", 3}, {"psychological", 2}}},
      {"youth",
       "初中生厌学，已连续两周未到校",
       {{"education", 4}, {"family", 3}, {"psychological", 3}}},
      {"youth",
       "青少年与社会闲散人员交往，有夜不归宿情况",
       {{"social", 4}, {"family", 3}, {"legal", 2}}},
      {"out_of_school", "辍学少年，希望学习技能找工作", {{"education", 4}, {"employment", 3}}},
      {"women",
       "妇女遭受丈夫言语和肢体暴力，想了解保护令",
       {{"legal", 4}, {"psychological", 4}, {"housing", 2}}},
      {"women",
       "单亲妈妈失业，独自抚养两个孩子，经济困难",
       {{"economic", 4}, {"employment", 4}, {"family", 2}}},
      {"women", "产后情绪持续低落，家人担心其有抑郁倾向", {{"psychological", 4}, {"family", 3}}},
      {"migrant_worker",
       "外来务工人员工伤后被拖欠工资，生活无着",
       {{"legal", 4}, {"economic", 4}, {"physical", 3}}},
      {"migrant_worker",
       "随迁子女入学手续困难，家长不知如何办理",
       {{"education", 4}, {"legal", 2}}},
      {"disabled", "肢体残疾人士希望就业，缺少职业技能培训", {{"employment", 4}, {"social", 3}}},
      {"disabled",
       "精神障碍患者出院后断药，家属无力照护",
       {{"physical", 4}, {"family", 4}, {"psychological", 3}}},
      {"low_income", "低保家庭房屋漏雨，无力维修，申请临时救助", {{"housing", 4}, {"economic", 3}}},
      {"low_income",
       "特困人员患病住院，医疗费用自付部分负担重",
       {{"economic", 5}, {"physical", 4}}},
      {"", "社区居民邻里纠纷升级，双方互相报警", {{"social", 4}, {"legal", 2}}},
      {"", "家庭成员患癌症晚期，家属需要哀伤辅导和照顾支持", {{"psychological", 4}, {"family", 4}}},
  };
  return kProblems;
}

constexpr std::array<const char*, 10> kServiceContents = {
    "入户探访，了解近况并评估居家安全",   "电话跟进，确认服药和就医情况",
    "与家属面谈，讨论照顾分工",           "陪同前往街道办理救助申请",
    "链接社区卫生服务中心，安排上门体检", "个别辅导，练习情绪管理方法",
    "组织邻里互助小组活动，案主参加",     "与学校老师沟通，共同制定学习支持计划",
    "协助联系法律援助中心，准备相关材料", "线上视频会谈，回顾本周目标完成情况",
};
constexpr std::array<const char*, 8> kTechniques = {
    "倾听与同理", "优势视角", "认知行为疗法", "任务中心模式",
    "家庭治疗",   "危机介入", "资源链接",     "动机式访谈",
};
constexpr std::array<const char*, 6> kProgressNotes = {
    "案主情绪较上周平稳，愿意表达自己的想法", "家属配合度提高，已按计划分担照顾任务",
    "案主仍有顾虑，需继续建立信任关系",       "目标一进展明显，目标二进展较慢",
    "案主主动联系社工，求助动机增强",         "出现新的压力事件，需关注情绪变化",
};
constexpr std::array<const char*, 4> kModes = {"home_visit", "face_to_face", "phone", "online"};
constexpr std::array<const char*, 5> kClientResponses = {
    "案主积极回应，主动谈及近期困扰",   "案主起初沉默，谈到家人时情绪放松",
    "案主认同本次安排，愿意尝试新方法", "案主对进展表示满意，感谢社工陪伴",
    "案主仍有疑虑，希望下次再商量细节",
};
constexpr std::array<const char*, 5> kNextSteps = {
    "下周同一时间再次探访", "电话确认就医安排落实情况",   "联系社区卫生服务中心跟进",
    "与家属沟通照顾分工",   "整理救助申请材料，陪同递交",
};
constexpr std::array<const char*, 4> kComments = {
    "记录完整，回应及时。下次可多了解家属的支持意愿。",
    "介入方向合适，注意把服务内容与计划目标对应起来。",
    "案主反应描述具体，很好；后续请评估情绪风险是否下降。",
    "危机处置得当，请在 24 小时内回访并记录安全计划的落实情况。",
};

// Where a contact of a mode takes place.
const char* PlaceOf(ServiceMode mode) {
  switch (mode) {
    case ServiceMode::kHomeVisit:
      return "案主家中";
    case ServiceMode::kFaceToFace:
      return "社工站会谈室";
    case ServiceMode::kPhone:
      return "电话";
    case ServiceMode::kOnline:
      return "视频会谈";
    case ServiceMode::kGroup:
      return "社区活动室";
    case ServiceMode::kCrisis:
      return "案主家中（紧急上门）";
  }
  return "";
}

// What the richer forms (issue 12) hold for a client of a category: the
// social details of intake, the client's own words, the scales scored and
// the theories the plan rests on.
struct CategoryDetails {
  const char* category;
  const char* education;
  const char* marital_status;
  const char* employment_status;
  const char* income_status;
  const char* expectations;
  const char* client_view;
  std::vector<std::pair<const char*, std::pair<int, int>>> scales;  // code, baseline range
  std::vector<const char*> theories;
};

const CategoryDetails& DetailsFor(const std::string& category) {
  static const std::vector<CategoryDetails> kDetails = {
      {"elderly",
       "primary",
       "widowed",
       "retired",
       "low",
       "希望有人定期上门看看，身体不舒服时能及时找到人帮忙",
       "觉得自己年纪大了不中用，不想总麻烦子女",
       {{"adl_barthel", {45, 85}}, {"gds_15", {6, 11}}},
       {"ecological_systems", "social_support_network"}},
      {"child",
       "primary",
       "single",
       "student",
       "low",
       "希望家里不再吵架，能安心上学",
       "觉得是自己不够乖才让家里变成这样",
       {{"rosenberg_self_esteem", {14, 22}}, {"family_apgar", {2, 5}}},
       {"ecological_systems", "strengths"}},
      {"left_behind",
       "primary",
       "single",
       "student",
       "low",
       "希望爸爸妈妈多打电话回来",
       "觉得爷爷奶奶不理解自己，只有手机里的朋友懂自己",
       {{"family_apgar", {2, 6}}, {"ucla_loneliness", {45, 60}}},
       {"ecological_systems", "social_support_network"}},
      {"youth",
       "junior_high",
       "single",
       "student",
       "moderate",
       "希望别人不要总拿自己和别人比较",
       "觉得上学没意思，老师和家长都不理解自己",
       {{"rosenberg_self_esteem", {15, 23}}},
       {"cognitive_behavioural", "strengths"}},
      {"out_of_school",
       "junior_high",
       "single",
       "unemployed",
       "low",
       "希望学一门手艺，早点挣钱养活自己",
       "觉得读书不适合自己，但也不知道能做什么",
       {{"rosenberg_self_esteem", {16, 24}}},
       {"task_centred", "strengths"}},
      {"women",
       "senior_high",
       "married",
       "unemployed",
       "low",
       "希望自己和孩子能安全、安心地生活",
       "觉得是自己没处理好家里的关系，但也不想再忍下去",
       {{"sds", {55, 72}}, {"sas", {52, 68}}},
       {"empowerment", "crisis_intervention"}},
      {"migrant_worker",
       "junior_high",
       "married",
       "flexible",
       "low",
       "希望尽快拿回工钱，把孩子的学上好",
       "觉得在城里人生地不熟，不知道找谁办事",
       {{"sas", {50, 65}}, {"ssrs", {18, 30}}},
       {"empowerment", "social_support_network"}},
      {"disabled",
       "junior_high",
       "single",
       "unable",
       "subsistence",
       "希望能有一份力所能及的工作，不拖累家里",
       "觉得别人看不起自己，出门很有压力",
       {{"adl_barthel", {55, 90}}, {"rosenberg_self_esteem", {15, 22}}},
       {"strengths", "empowerment"}},
      {"low_income",
       "primary",
       "divorced",
       "unemployed",
       "subsistence",
       "希望先解决眼前的难处，日子能过下去",
       "觉得自己运气不好，但愿意想办法",
       {{"ssrs", {16, 28}}, {"sds", {50, 65}}},
       {"task_centred", "social_support_network"}},
      {"",
       "senior_high",
       "married",
       "employed",
       "moderate",
       "希望家里和邻里的关系能缓和下来",
       "觉得事情闹到这一步，自己也有责任",
       {{"family_apgar", {3, 6}}},
       {"ecological_systems", "solution_focused"}},
  };
  for (const auto& d : kDetails) {
    if (category == d.category) return d;
  }
  return kDetails.back();
}

// How a theory serves the plan, in the words of the seed's service logic.
const char* TheoryApplication(const std::string& theory) {
  if (theory == "ecological_systems")
    return "从个人、家庭、社区三个层面分析问题成因，据此选定介入点";
  if (theory == "social_support_network") return "梳理并扩大服务对象的正式与非正式支持网络";
  if (theory == "strengths") return "发掘服务对象自身的能力和资源，以优势带动改变";
  if (theory == "cognitive_behavioural") return "识别并调整负面想法，练习新的应对行为";
  if (theory == "task_centred") return "把目标分解为可在短期内完成的具体任务，逐项落实";
  if (theory == "empowerment") return "增强服务对象对自身处境的掌控感和维权能力";
  if (theory == "crisis_intervention") return "先确保人身安全、稳定情绪，再处理具体问题";
  if (theory == "solution_focused") return "聚焦服务对象已有的成功经验，寻找例外和小改变";
  return "";
}

// The intervention point the seed's logic draws from a need's domain, the
// cause it answers and the approach to it.
struct InterventionPoint {
  const char* domain;
  const char* name;
  const char* cause;
  const char* approach;
};
constexpr std::array<InterventionPoint, 9> kPoints = {{
    {"physical", "身体机能下降与居家安全隐患", "慢性病或行动不便，家中缺少防护设施",
     "链接医疗与适老化改造资源，指导家属照护"},
    {"social", "社会交往圈狭窄", "缺少参与社区活动的渠道和动力",
     "邀请参加兴趣小组，链接邻里志愿者"},
    {"psychological", "负面情绪缺乏疏导", "压力事件后缺少倾诉和应对方法", "个别辅导，练习情绪管理"},
    {"family", "家庭沟通与照顾分工不畅", "家庭成员之间缺少沟通，照顾责任集中在一人",
     "家庭会谈，协商照顾分工"},
    {"economic", "经济来源不足", "收入中断，对救助政策了解不够",
     "协助申请救助，链接就业和慈善资源"},
    {"housing", "居住条件差", "房屋失修，无力自行改善", "链接住房救助和志愿维修"},
    {"legal", "维权知识与渠道缺乏", "不了解法律程序，担心维权成本", "链接法律援助，陪同办理手续"},
    {"education", "学习动机不足、学业支持缺乏", "家庭监护不足，学校支持不够",
     "与学校合作制定学习支持计划"},
    {"employment", "职业技能与就业信息缺乏", "缺少培训机会和求职渠道", "链接职业培训和招聘信息"},
}};

const InterventionPoint& PointFor(const std::string& domain) {
  for (const auto& point : kPoints) {
    if (domain == point.domain) return point;
  }
  return kPoints[2];
}

constexpr std::array<const char*, 5> kReceivers = {"江城市精神卫生中心", "东湖区法律援助中心",
                                                   "江城市妇女儿童权益保护中心", "区残疾人康复中心",
                                                   "江城市救助管理站"};

// A demo user as an Actor, with their memberships.
Result<auth::Actor> ActorFor(modules::Services& s, const std::string& username) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t user_id, orgs::OrgTree(s.db).UserIdNamed(username));
  if (user_id == 0) return NotFoundError("orgs.not_found");
  return s.auth.LoadActor(user_id);
}

// The stage a demo case is left in.
enum class Target {
  kIntake,
  kClosedAtIntake,
  kAssessment,
  kPlanning,
  kPlanPending,
  kIntervention,
  kEvaluation,
  kClosurePending,
  kClosed
};

// Works one demo case through its stages with the clock set back.
class CaseScript {
 public:
  CaseScript(CaseService& cases, ManualClock& clock, std::mt19937_64& random, EpochMs now)
      : cases_(cases), clock_(clock), random_(random), now_(now) {}

  // The history (case_history_demo.cpp) sets when a case opened and how long
  // its first steps took; the current demo leaves them to the random stream.
  void SetTiming(std::optional<DemoCaseTiming> timing) { timing_ = timing; }

  Status Run(const auth::Actor& worker, const auth::Actor* supervisor, std::int64_t org_id,
             std::int64_t client_id, const Problem& problem, Target target) {
    // How long each step took, then when the case must have been opened for
    // its last step to fall before now.
    int intake_days = Between(1, 3), assessment_days = Between(2, 8);
    int approval_days = Between(1, 3);
    const int intervention_days = Between(30, 75);
    const int evaluation_days = Between(3, 12);
    if (timing_) {
      intake_days = timing_->intake_days;
      assessment_days = timing_->assessment_days;
      approval_days = timing_->approval_days;
    }
    EpochMs span = 0;
    switch (target) {
      case Target::kIntake:
        span = Between(0, 10) * kDay;
        break;
      case Target::kClosedAtIntake:
        span = intake_days * kDay + Between(5, 90) * kDay;
        break;
      case Target::kAssessment:
        span = intake_days * kDay + Between(0, 10) * kDay;
        break;
      case Target::kPlanning:
      case Target::kPlanPending:
        span = (intake_days + assessment_days + Between(0, 12)) * kDay;
        break;
      case Target::kIntervention:
        span = (intake_days + assessment_days + approval_days + Between(5, 80)) * kDay;
        break;
      case Target::kEvaluation:
      case Target::kClosurePending:
        span =
            (intake_days + assessment_days + approval_days + intervention_days + Between(1, 18)) *
            kDay;
        break;
      case Target::kClosed:
        span = (intake_days + assessment_days + approval_days + intervention_days +
                evaluation_days + Between(10, 150)) *
               kDay;
        break;
    }
    clock_.Set(timing_ ? timing_->opened_at : now_ - span - Between(1, 8) * kHour);

    CaseInput input;
    input.client_id = client_id;
    input.org_id = org_id;
    if (supervisor) input.supervisor_id = supervisor->user_id();
    auto opened = cases_.Open(worker, input);
    if (!opened) return opened.error();
    const std::int64_t id = opened->id;

    // 接案
    const int urgency_roll = Between(0, 99);
    Json intake = {{"source", Pick({"walk_in", "hotline", "referral_in", "outreach", "assigned"})},
                   {"presenting_problem", problem.text},
                   {"urgency", urgency_roll < 4    ? "crisis"
                               : urgency_roll < 18 ? "urgent"
                                                   : "normal"},
                   {"decision", "accept"}};
    if (intake["source"] == "referral_in") intake["referral_from"] = "街道办事处";
    const CategoryDetails& details = DetailsFor(problem.category);
    const std::string today = FormatDate(LocalDateOf(clock_.Now()));
    const bool minor =
        std::string(problem.category) == "child" || std::string(problem.category) == "left_behind";
    if (intake["source"] == "hotline" && Detail(0, 1) == 0) intake["source"] = "phone";
    intake["client_snapshot"] = {{"phone", "139" + std::to_string(Detail(10000000, 99999999))},
                                 {"education", details.education},
                                 {"marital_status", details.marital_status},
                                 {"employment_status", details.employment_status},
                                 {"income_status", details.income_status}};
    intake["client_expectations"] = details.expectations;
    intake["eligibility"] = {{"result", "eligible"},
                             {"basis", "住在本机构服务片区内，求助问题属于本机构的服务范围"}};
    intake["consent"] = {{"informed_consent", true},
                         {"confidentiality", true},
                         {"date", today},
                         {"method", minor               ? "guardian"
                                    : Detail(0, 3) == 0 ? "verbal"
                                                        : "signed"}};
    if (target == Target::kClosedAtIntake) {
      if (Between(0, 1) == 0) {
        intake["decision"] = "refer_out";
        intake["refer_out_to"] = kReceivers[Detail(0, static_cast<int>(kReceivers.size()) - 1)];
        intake["eligibility"] = {{"result", "eligible"},
                                 {"basis", "属于服务范围，但所需的专科服务由接收机构提供更合适"}};
      } else {
        intake["decision"] = "decline";
        intake["decline_reason"] = "不属于本机构服务范围，已告知可求助的渠道";
        intake["eligibility"] = {{"result", "not_eligible"}, {"basis", "不在本机构的服务片区内"}};
      }
    }
    const bool draft_intake = target == Target::kIntake && Between(0, 2) == 0;
    if (draft_intake) intake.erase("decision");
    JIELI_RETURN_IF_ERROR(Save(worker, id, Stage::kIntake, intake, draft_intake));
    if (intake["urgency"] == "crisis" || Between(0, 3) == 0) {
      Later(Between(2, 20) * kHour);
      if (timing_ && timing_->late_first_contact && intake["urgency"] == "crisis")
        Later(Between(24, 60) * kHour);
      const bool crisis = intake["urgency"] == "crisis";
      JIELI_ASSIGN_OR_RETURN(auto service_id, Service(worker, id, {}, crisis));
      if (crisis && supervisor) JIELI_RETURN_IF_ERROR(Comment(*supervisor, service_id, true));
    }
    if (target == Target::kClosedAtIntake) {
      Later(intake_days * kDay);
      return Move(worker, id, Stage::kClosed);
    }
    if (target == Target::kIntake) return Ok();

    // 预估
    Later(intake_days * kDay);
    JIELI_RETURN_IF_ERROR(Move(worker, id, Stage::kAssessment));
    Json needs = Json::array();
    for (const auto& [domain, severity] : problem.needs) {
      needs.push_back({{"domain", domain}, {"severity", severity}, {"description", "见接案记录"}});
    }
    Json side = {{"causes", "个人应对资源不足"}, {"consequences", "日常生活受到影响"}};
    const int risk_roll = Between(0, 99);
    Json assessment = {
        {"needs", needs},
        {"strengths", Pick({"愿意求助，与社区关系良好", "有稳定的亲属支持",
                            "有工作经验，学习能力强", "性格开朗，乐于参加集体活动"})},
        {"ecological",
         {{"micro", side},
          {"meso", {{"causes", "家庭与社区支持网络薄弱"}, {"consequences", "求助渠道有限"}}},
          {"macro", {{"causes", "相关政策知晓度低"}, {"consequences", "未能及时获得保障"}}}}},
        {"risk_level", risk_roll < 45   ? "low"
                       : risk_roll < 78 ? "medium"
                       : risk_roll < 95 ? "high"
                                        : "critical"},
        {"risk_reasons", "综合案主身心状况和支持系统评估"},
        {"problem_definition", problem.text}};
    Json scales = Json::array();
    for (const auto& [code, range] : details.scales) {
      scales.push_back(
          {{"scale", code}, {"baseline", Detail(range.first, range.second)}, {"date", today}});
    }
    assessment["methods"] = Json::array({"interview", "home_visit", "standard_scale"});
    if (Detail(0, 2) == 0) assessment["methods"].push_back("collateral");
    assessment["info_sources"] = Json::array({"client", "family", "community"});
    assessment["client_view"] = details.client_view;
    assessment["scales"] = scales;
    const bool draft_assessment = target == Target::kAssessment && Between(0, 1) == 0;
    if (draft_assessment) assessment.erase("problem_definition");
    JIELI_RETURN_IF_ERROR(Save(worker, id, Stage::kAssessment, assessment, draft_assessment));
    // The supervisor reviews most high-risk assessments within a day; a few
    // still wait (on the worklist, some overdue).
    if (supervisor && id % 4 != 0) JIELI_RETURN_IF_ERROR(ReviewRisk(worker, *supervisor, id));
    if (target == Target::kAssessment) return Ok();

    // 计划
    Later(assessment_days * kDay);
    JIELI_RETURN_IF_ERROR(Move(worker, id, Stage::kPlanning));
    auto form = cases_.GetStage(worker, id, Stage::kPlanning);
    if (!form) return form.error();
    Json plan = form->data;  // goals prefilled from the severe needs
    if (!plan.contains("goals") || plan["goals"].empty()) {
      plan["goals"] = Json::array({{{"name", "改善当前困境"},
                                    {"domain", problem.needs.front().first},
                                    {"weight", 1},
                                    {"levels", Json::array()}}});
    }
    for (auto& goal : plan["goals"]) {
      Json levels = Json::array();
      const std::array<const char*, 5> kLevels = {"情况明显恶化", "略有恶化", "达到预期目标",
                                                  "略超预期", "远超预期"};
      for (int level = -2; level <= 2; ++level) {
        levels.push_back({{"level", level}, {"description", kLevels[level + 2]}});
      }
      goal["levels"] = levels;
    }
    const LocalDate plan_start = LocalDateOf(clock_.Now());
    const int plan_days = target == Target::kIntervention ? Between(20, 110) : intervention_days;
    plan["interventions"] =
        Json::array({{{"technique", Pick({"个案辅导", "资源链接", "家庭会谈", "小组工作"})},
                      {"description", "每周一次探访或会谈，按目标逐项推进"}}});
    // The seed's service logic: problem → causes → intervention points → goals.
    Json points = Json::array();
    for (auto& goal : plan["goals"]) {
      const InterventionPoint& point =
          PointFor(goal.value("domain", std::string(problem.needs.front().first)));
      goal["intervention_point"] = point.name;
      bool listed = false;
      for (const auto& p : points) listed = listed || p["name"] == point.name;
      if (!listed) {
        points.push_back(
            {{"name", point.name}, {"cause", point.cause}, {"approach", point.approach}});
      }
    }
    plan["service_logic"]["problem"] = problem.text;
    plan["service_logic"]["causes"] = "个人应对资源不足；家庭与社区支持网络薄弱；相关政策知晓度低";
    plan["service_logic"]["consequences"] = "日常生活受到影响，求助渠道有限，未能及时获得保障";
    plan["service_logic"]["intervention_points"] = points;
    Json theories = Json::array();
    for (const char* theory : details.theories) {
      theories.push_back({{"theory", theory}, {"application", TheoryApplication(theory)}});
    }
    if (intake["urgency"] == "crisis" && theories.size() < 3) {
      theories.push_back({{"theory", "crisis_intervention"},
                          {"application", TheoryApplication("crisis_intervention")}});
    }
    plan["theories"] = theories;
    plan["overall_goal"] = "缓解当前困境，增强服务对象自身的能力和社会支持网络，使生活恢复稳定";
    plan["interventions"][0]["frequency"] = "每周一次";
    plan["interventions"][0]["performed_by"] = "主责社工";
    plan["interventions"].push_back({{"technique", "资源链接"},
                                     {"description", "链接社区、医疗或救助资源，跟进落实情况"},
                                     {"frequency", "按需，每月跟进一次"},
                                     {"performed_by", "主责社工、社区志愿者"}});
    plan["evaluation_methods"] = Json::array({"gas", "standard_scale", "satisfaction"});
    plan["contingency_plan"] =
        "如发现自伤、走失或家庭暴力等风险，立即报告督导，联系家属和社区，必要时报警或送医，并启动危"
        "机介入。";
    plan["schedule"] = {{"start_date", FormatDate(plan_start)},
                        {"end_date", FormatDate(LocalDateOf(clock_.Now() + plan_days * kDay))}};
    plan["agreement"] = {{"date", FormatDate(plan_start)}, {"method", "signed"}};
    JIELI_RETURN_IF_ERROR(Save(worker, id, Stage::kPlanning, plan, false));
    if (target == Target::kPlanning || !supervisor) return Ok();
    auto approval = RequestApproval(worker, id, Stage::kIntervention);
    if (!approval) return approval.error();
    if (target == Target::kPlanPending) return Ok();
    Later(approval_days * kDay / 2 + kHour);
    if (Between(0, 4) == 0) {  // sent back once
      auto rejected = cases_.Decide(*supervisor, *approval, false,
                                    "目标的达成标准不够具体，请补充可测量的指标后再提交。");
      if (!rejected) return rejected.error();
      Later(kDay / 2);
      JIELI_RETURN_IF_ERROR(Save(worker, id, Stage::kPlanning, plan, false));
      approval = RequestApproval(worker, id, Stage::kIntervention);
      if (!approval) return approval.error();
      Later(kDay / 2);
    }
    auto approved = cases_.Decide(*supervisor, *approval, true, "同意按计划实施。");
    if (!approved) return approved.error();

    // 介入
    const EpochMs intervention_start = clock_.Now();
    const EpochMs intervention_end = target == Target::kIntervention
                                         ? now_ - kHour
                                         : intervention_start + intervention_days * kDay;
    std::vector<std::string> goal_names;
    for (const auto& goal : plan["goals"]) goal_names.push_back(goal.value("name", ""));
    // The history's cases skip the corrections, revisions and step backs
    // today's cases show, which keeps init --demo quick.
    const bool plain = timing_.has_value();
    int services = Between(3, 9);
    if (timing_ && timing_->services > 0) services = timing_->services;
    for (int i = 0; i < services; ++i) {
      clock_.Set(intervention_start +
                 (intervention_end - intervention_start) * (i + 1) / (services + 1));
      JIELI_ASSIGN_OR_RETURN(auto service_id, Service(worker, id, goal_names));
      // The supervisor reads some records and says what they think.
      if (!plain && (id + i) % 4 == 0)
        JIELI_RETURN_IF_ERROR(Comment(*supervisor, service_id, false));
      // Within the week the worker corrects some records, and withdraws one written twice.
      if (!plain && target != Target::kIntervention && (id + i) % 9 == 4)
        JIELI_RETURN_IF_ERROR(CorrectService(worker, service_id));
      if (!plain && target != Target::kIntervention && id % 17 == 0 && i == 1) {
        Later(kHour);
        auto withdrawn =
            cases_.WithdrawService(worker, service_id, "重复录入：与上一条是同一次服务。");
        if (!withdrawn) return withdrawn.error();
      }
      // Halfway through, some plans are revised: version 2, approved again.
      if (!plain && id % 5 == 0 && i == services / 2)
        JIELI_RETURN_IF_ERROR(RevisePlan(worker, *supervisor, id));
    }
    if (target == Target::kIntervention) return Ok();

    // 评估
    clock_.Set(intervention_end);
    JIELI_RETURN_IF_ERROR(Move(worker, id, Stage::kEvaluation));
    if (!plain && id % 6 == 0) {  // the evaluation finds more sessions are needed: a step back
      Later(kDay);
      auto back = cases_.Move(worker, id, Stage::kIntervention,
                              "评估时发现部分目标尚未巩固，需要再安排两次服务");
      if (!back) return back.error();
      for (int i = 0; i < 2; ++i) {
        Later(3 * kDay);
        JIELI_ASSIGN_OR_RETURN(auto service_id, Service(worker, id, goal_names));
        (void)service_id;
      }
      Later(kDay);
      JIELI_RETURN_IF_ERROR(Move(worker, id, Stage::kEvaluation));
    }
    auto eval_form = cases_.GetStage(worker, id, Stage::kEvaluation);
    if (!eval_form) return eval_form.error();
    Json evaluation = eval_form->data;
    for (auto& goal : evaluation["goal_attainment"]) {
      goal["attained"] = Pick({0, 0, 1, 1, 2, -1});
      goal["evidence"] = "服务记录及案主自评";
    }
    evaluation["satisfaction"] = Between(3, 5);
    evaluation["reflection"] =
        "介入过程中与案主建立了良好的专业关系，资源链接及时；家属参与仍可加强。";
    // Post-tests mostly better than the baseline, now and then unchanged or worse.
    for (auto& result : evaluation["scale_results"]) {
      for (const auto& scale : BuiltInScales()) {
        if (result.value("scale", "") != scale.code || !result.contains("pre")) continue;
        const double pre = result["pre"].get<double>();
        const int step = Detail(-1, std::max(2, static_cast<int>((scale.max - scale.min) / 8)));
        const double post = scale.higher_is_better ? pre + step : pre - step;
        result["post"] = static_cast<int>(std::clamp(post, scale.min, scale.max));
        result["date"] = FormatDate(LocalDateOf(clock_.Now()));
      }
    }
    const bool referred = Detail(0, 7) == 0;
    constexpr std::array<const char*, 3> kClientWords = {"感觉心里踏实多了，遇到事情知道找谁",
                                                         "社工很耐心，家里人现在也愿意帮忙了",
                                                         "有些问题还在，但自己有信心慢慢处理"};
    evaluation["client_evaluation"] =
        kClientWords[Detail(0, static_cast<int>(kClientWords.size()) - 1)];
    evaluation["conclusion"] = referred ? "refer" : "close";
    JIELI_RETURN_IF_ERROR(Save(worker, id, Stage::kEvaluation, evaluation, false));
    if (target == Target::kEvaluation) return Ok();

    // 结案
    Later(Between(1, evaluation_days) * kDay);
    Json closure = {
        {"reason", Pick({"goals_met", "goals_met", "goals_met", "client_wish", "unreachable"})},
        {"summary", "经过评估，案主主要目标基本达成，支持网络得到加强，双方同意结案。"},
        {"follow_up_months", {1, 3, 6}},
        {"client_reaction",
         "案主对结束服务有些不舍，社工回顾了服务中的改变，肯定其进步，说明回访安排，案主情绪平稳"
         "。"},
        {"remaining_issues", "经济和照护压力仍在，建议社区网格员定期关注，必要时重新申请服务。"},
        {"client_informed",
         {{"date", FormatDate(LocalDateOf(clock_.Now()))}, {"method", "face_to_face"}}}};
    if (referred) {
      closure["reason"] = "referred";
      closure["receiving_org"] = kReceivers[Detail(0, static_cast<int>(kReceivers.size()) - 1)];
    }
    JIELI_RETURN_IF_ERROR(Save(worker, id, Stage::kClosed, closure, false));
    auto closing = RequestApproval(worker, id, Stage::kClosed);
    if (!closing) return closing.error();
    if (target == Target::kClosurePending) return Ok();
    Later(kDay);
    auto closed = cases_.Decide(*supervisor, *closing, true, "同意结案，请按期回访。");
    if (!closed) return closed.error();

    // 回访: the first follow-up done for some of the cases whose date has passed.
    auto followups = cases_.FollowUps(worker, id);
    if (!followups) return followups.error();
    if (timing_) {  // the history: every follow-up due is done, now and then late
      for (const auto& followup : *followups) {
        if (followup.due_at >= now_) continue;
        const bool late = Detail(0, 9) < timing_->late_followups_in_10;
        clock_.Set(
            std::min(late ? followup.due_at + Detail(2, 12) * kDay : followup.due_at - 5 * kHour,
                     now_ - kHour));
        auto done = cases_.CompleteFollowUp(
            worker, followup.id,
            late ? FollowUpRecord{"电话多次未接通，延后上门回访，案主生活基本稳定。",
                                  Situation::kSame, ""}
                 : FollowUpRecord{"电话回访，案主生活稳定，对服务表示满意。", Situation::kBetter,
                                  ""});
        if (!done) return done.error();
      }
      return Ok();
    }
    if (!followups->empty() && followups->front().due_at < now_ && Between(0, 1) == 0) {
      clock_.Set(followups->front().due_at - 5 * kHour);
      auto done = cases_.CompleteFollowUp(
          worker, followups->front().id,
          {"电话回访，案主生活稳定，对服务表示满意。", Situation::kBetter, ""});
      if (!done) return done.error();
    }
    return Ok();
  }

 private:
  int Between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  // The details of the richer forms draw from their own sequence, so that the
  // stages and dates the demo has always had stay as they were.
  int Detail(int low, int high) { return std::uniform_int_distribution<int>(low, high)(details_); }
  template <class T>
  T Pick(std::initializer_list<T> options) {
    return *(options.begin() + Between(0, static_cast<int>(options.size()) - 1));
  }
  void Later(EpochMs by) { clock_.Set(std::min(clock_.Now() + by, now_ - kHour)); }

  Status Save(const auth::Actor& worker, std::int64_t id, Stage stage, const Json& data,
              bool draft) {
    auto saved = cases_.SaveStage(worker, id, stage, data, draft);
    if (!saved) return saved.error();
    return Ok();
  }
  Status Move(const auth::Actor& worker, std::int64_t id, Stage to) {
    auto moved = cases_.Move(worker, id, to);
    if (!moved) return moved.error();
    return Ok();
  }
  Result<std::int64_t> RequestApproval(const auth::Actor& worker, std::int64_t id, Stage to) {
    auto moved = cases_.Move(worker, id, to);
    if (!moved) return moved.error();
    if (!moved->approval) return InternalError("demo: expected an approval");
    return moved->approval->id;
  }
  // A service record; the plan's goals it worked on when there is a plan, a
  // crisis intervention when asked. The new fields are picked from the case
  // id and a count, not the random stream, which keeps the demo's stages as
  // they were.
  Result<std::int64_t> Service(const auth::Actor& worker, std::int64_t id,
                               const std::vector<std::string>& goals = {}, bool crisis = false) {
    ServiceInput input;
    input.date = FormatDate(LocalDateOf(clock_.Now()));
    input.minutes = Pick({30, 45, 60, 60, 90, 120});
    input.mode = ParseServiceMode(kModes[Between(0, static_cast<int>(kModes.size()) - 1)])
                     .value_or(ServiceMode::kHomeVisit);
    input.content = kServiceContents[Between(0, static_cast<int>(kServiceContents.size()) - 1)];
    input.technique = kTechniques[Between(0, static_cast<int>(kTechniques.size()) - 1)];
    input.progress_note = kProgressNotes[Between(0, static_cast<int>(kProgressNotes.size()) - 1)];
    const std::size_t n = static_cast<std::size_t>(id) + records_++;
    if (crisis) {
      input.mode = ServiceMode::kCrisis;
      input.content = "接到求助后紧急上门，评估安全风险，与案主共同制定安全计划";
      input.technique = "危机介入";
    }
    input.place = PlaceOf(input.mode);
    input.participants = {Participant::kClient};
    if (n % 3 == 0) input.participants.push_back(Participant::kFamily);
    if (crisis) {
      input.participants.push_back(Participant::kOther);
      input.participants_note = "社区网格员";
    }
    if (!goals.empty()) input.goals_addressed = {goals[n % goals.size()]};
    input.client_response = kClientResponses[n % kClientResponses.size()];
    input.next_steps =
        crisis ? "24 小时内电话回访，确认安全计划落实" : kNextSteps[n % kNextSteps.size()];
    auto added = cases_.AddService(worker, id, input);
    if (!added) return added.error();
    return added->id;
  }

  // The supervisor's review of a high-risk assessment, within a day.
  Status ReviewRisk(const auth::Actor& worker, const auth::Actor& supervisor, std::int64_t id) {
    JIELI_ASSIGN_OR_RETURN(auto c, cases_.Get(worker, id));
    if (!c.risk_review) return Ok();
    Later(kDay / 2);
    auto reviewed = cases_.ReviewRisk(
        supervisor, id, "已阅。风险依据充分，请与案主共同制定安全计划，每周电话跟进一次。");
    if (!reviewed) return reviewed.error();
    return Ok();
  }

  // A revised plan: the first goal weighs more; the supervisor approves version 2.
  Status RevisePlan(const auth::Actor& worker, const auth::Actor& supervisor, std::int64_t id) {
    JIELI_ASSIGN_OR_RETURN(auto form, cases_.GetStage(worker, id, Stage::kPlanning));
    Json plan = form.data;
    if (!plan.contains("goals") || plan["goals"].empty()) return Ok();
    Json& goal = plan["goals"][0];
    goal["weight"] = goal.value("weight", 1.0) + 1;
    Later(kHour);
    JIELI_RETURN_IF_ERROR(Save(worker, id, Stage::kPlanning, plan, false));
    JIELI_ASSIGN_OR_RETURN(auto approval, cases_.SubmitPlanRevision(worker, id));
    Later(3 * kHour);
    auto approved = cases_.Decide(supervisor, approval.id, true,
                                  "同意调整：该目标是当前最迫切的需要，加大权重合理。");
    if (!approved) return approved.error();
    return Ok();
  }

  // The worker adds what the record left out, an hour after writing it.
  Status CorrectService(const auth::Actor& worker, std::int64_t service_id) {
    Later(kHour);
    ServiceChange change;
    change.minutes = 60;
    change.next_steps = "补记：下次服务前先电话确认案主时间，并带上社区资源清单。";
    auto corrected = cases_.CorrectService(worker, service_id, change);
    if (!corrected) return corrected.error();
    return Ok();
  }

  // The supervisor's comment on a record, a few hours after it.
  Status Comment(const auth::Actor& supervisor, std::int64_t service_id, bool crisis) {
    Later(3 * kHour);
    auto commented = cases_.CommentOnService(supervisor, service_id,
                                             crisis ? kComments.back() : kComments[service_id % 3]);
    if (!commented) return commented.error();
    return Ok();
  }

  CaseService& cases_;
  ManualClock& clock_;
  std::mt19937_64& random_;
  std::mt19937_64 details_{20261206};
  EpochMs now_;
  std::size_t records_ = 0;
  std::optional<DemoCaseTiming> timing_;
};

// Where each demo worker's cases go, and the share of every 20 cases.
struct DemoCaseload {
  const char* worker;
  const char* org;
  int share;
  bool supervised;  // the agency has a supervisor to approve
};
constexpr std::array<DemoCaseload, 3> kCaseloads = {{
    {"worker", "个案服务部", 9, true},
    {"worker2", "水果湖街道社工站", 6, true},
    {"worker_b", "西山区启航社会工作服务社", 5, false},
}};

// A problem that fits the client's category, else any general one.
const Problem& ProblemFor(const std::string& category, std::mt19937_64& random) {
  std::vector<const Problem*> fitting;
  for (const auto& problem : Problems()) {
    if (std::string(problem.category) == category) fitting.push_back(&problem);
  }
  if (fitting.empty()) {
    for (const auto& problem : Problems()) {
      if (std::string(problem.category).empty()) fitting.push_back(&problem);
    }
  }
  return *fitting[random() % fitting.size()];
}

Target TargetFor(int roll, bool supervised) {
  // Out of 100, as a busy month leaves an agency's caseload.
  if (!supervised) {
    if (roll < 25) return Target::kIntake;
    if (roll < 35) return Target::kClosedAtIntake;
    if (roll < 65) return Target::kAssessment;
    return Target::kPlanning;
  }
  if (roll < 10) return Target::kIntake;
  if (roll < 14) return Target::kClosedAtIntake;
  if (roll < 26) return Target::kAssessment;
  if (roll < 33) return Target::kPlanning;
  if (roll < 39) return Target::kPlanPending;
  if (roll < 62) return Target::kIntervention;
  if (roll < 70) return Target::kEvaluation;
  if (roll < 74) return Target::kClosurePending;
  return Target::kClosed;
}

}  // namespace

Status WorkDemoHistory(modules::Services& s, const std::vector<DemoHistoryCase>& history) {
  const EpochMs now = s.clock.Now();
  ManualClock clock(now);
  audit::AuditLog audit(clock);
  notifications::NotificationService notifications(s.db, clock, s.events);
  CaseService cases(s.db, clock, audit, s.clients, notifications);
  std::mt19937_64 random(20241207);
  CaseScript script(cases, clock, random, now);
  std::map<std::string, auth::Actor> actors;
  std::map<std::string, std::int64_t> orgs;
  for (const auto& one : history) {
    for (const std::string& name : {one.worker, one.supervisor}) {
      if (actors.count(name)) continue;
      JIELI_ASSIGN_OR_RETURN(auto actor, ActorFor(s, name));
      actors.emplace(name, std::move(actor));
    }
    if (!orgs.count(one.org)) {
      JIELI_ASSIGN_OR_RETURN(const std::int64_t org_id, orgs::OrgTree(s.db).OrgIdNamed(one.org));
      if (org_id == 0) return NotFoundError("orgs.not_found");
      orgs.emplace(one.org, org_id);
    }
    const Problem& problem = ProblemFor(one.category, random);
    script.SetTiming(one.timing);
    JIELI_RETURN_IF_ERROR(script.Run(actors.at(one.worker), &actors.at(one.supervisor),
                                     orgs.at(one.org), one.client_id, problem,
                                     one.left_open ? Target::kIntervention : Target::kClosed));
  }
  return Ok();
}

Status SeedDemoCases(modules::Services& s, int count) {
  const EpochMs now = s.clock.Now();
  ManualClock clock(now);
  audit::AuditLog audit(clock);
  notifications::NotificationService notifications(s.db, clock, s.events);
  CaseService cases(s.db, clock, audit, s.clients, notifications);
  std::mt19937_64 random(20261125);
  CaseScript script(cases, clock, random, now);
  auto supervisor = ActorFor(s, "supervisor");
  if (!supervisor) return supervisor.error();

  int total_share = 0;
  for (const auto& load : kCaseloads) total_share += load.share;
  for (const auto& load : kCaseloads) {
    auto worker = ActorFor(s, load.worker);
    if (!worker) return worker.error();
    JIELI_ASSIGN_OR_RETURN(const std::int64_t org_id,
                           orgs::OrgTree(s.db).OrgIdNamed(std::string(load.org)));
    if (org_id == 0) return NotFoundError("orgs.not_found");
    const int n = count * load.share / total_share;
    JIELI_ASSIGN_OR_RETURN(auto clients, s.clients.FirstClientsOf(org_id, n));
    for (const auto& [client_id, category] : clients) {
      const Problem& problem = ProblemFor(category, random);
      const Target target = TargetFor(static_cast<int>(random() % 100), load.supervised);
      JIELI_RETURN_IF_ERROR(script.Run(*worker, load.supervised ? &*supervisor : nullptr, org_id,
                                       client_id, problem, target));
    }
  }
  // Months of casework were played through, and its people read what they
  // were told as it came: only the approvals still waiting are unread.
  JIELI_ASSIGN_OR_RETURN(auto pending, s.db.Query(kPendingApprovalIdsSql));
  std::vector<std::string> still_unread;
  for (const auto& row : pending) {
    still_unread.push_back(std::string(notifications::kApprovalRequested) + ":" +
                           std::to_string(row.Int(0)));
  }
  JIELI_RETURN_IF_ERROR(notifications.MarkReadAsSent(still_unread));
  return Ok();
}

}  // namespace jieli::cases
