#include "modules/quality/indicator_rules.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/local_time.hpp"

namespace jieli::quality {
namespace {

using cases::CaseQualityFacts;

constexpr EpochMs kDayMs = 24LL * 60 * 60 * 1000;

IndicatorDef OnTime(std::string_view id, std::string_view name_zh, std::string_view name_en,
                    std::string_view definition_zh, std::string_view definition_en) {
  IndicatorDef d;
  d.id = id;
  d.name_zh = name_zh;
  d.name_en = name_en;
  d.definition_zh = definition_zh;
  d.definition_en = definition_en;
  d.formula = "on_time / due × 100 %";
  d.numerator_zh = "按时完成的个案数";
  d.numerator_en = "cases done by the deadline";
  d.denominator_zh = "时限在本期到期的个案数";
  d.denominator_en = "cases whose deadline fell in the period";
  return d;
}

std::vector<IndicatorDef> MakeCatalogue() {
  std::vector<IndicatorDef> all;
  all.push_back(OnTime(
      "assessment_on_time", "按时完成预估率", "Assessment done on time",
      "时限（立案后机构规定天数，默认 7 "
      "天）在本期到期的个案中，在时限前进入计划阶段（预估完成）的比例。"
      "未到时限且未完成的不计；在预估完成前结案的不计。退回或重开后按新的阶段时间计。",
      "Of the cases whose assessment deadline (the agency's days after opening, 7 by default) fell "
      "in the period, the share that entered planning (assessment done) by it. Cases not yet due "
      "and not done, and cases closed before the assessment was done, are left out. After a step "
      "back or a reopening the new stage times count."));
  all.push_back(OnTime(
      "plan_on_time", "按时批准计划率", "Plan approved on time",
      "计划时限（进入预估后机构规定天数，默认 10 天；退回计划阶段后自退回起算）在本期到期的个案中，"
      "督导在时限前批准计划（进入介入阶段）的比例。",
      "Of the cases whose planning deadline (the agency's days after assessment began, 10 by "
      "default; from the step back after one) fell in the period, the share whose plan the "
      "supervisor approved (the case entered intervention) by it."));
  all.push_back(OnTime(
      "closure_on_time", "按时批准结案率", "Closure approved on time",
      "结案时限（进入评估后机构规定天数，默认 14 "
      "天）在本期到期的个案中，督导在时限前批准结案的比例。",
      "Of the cases whose closure deadline (the agency's days after evaluation began, 14 by "
      "default) fell in the period, the share whose closure the supervisor approved by it."));
  all.push_back(OnTime(
      "crisis_contact_24h", "危机个案 24 小时内首次接触率", "Crisis cases contacted within 24 h",
      "受理紧急程度为“危机”的个案中，首次接触时限（立案后机构规定小时数，默认 24 "
      "小时）在本期到期的，"
      "在时限前有首条服务记录的比例。",
      "Of the crisis cases (intake urgency \"crisis\") whose first-contact deadline (the agency's "
      "hours after opening, 24 by default) fell in the period, the share with a first service "
      "record by it."));
  {
    IndicatorDef d;
    d.id = "gas_mean";
    d.name_zh = "目标达成（平均 GAS T 分数）";
    d.name_en = "Goal attainment (mean GAS T)";
    d.definition_zh = "本期结案且评估表有 GAS T 分数的个案的平均 T 分数；50 为达到预期。";
    d.definition_en =
        "The mean GAS T-score of the cases closed in the period whose evaluation form has one; "
        "50 means as expected.";
    d.formula = "Σ T / evaluated";
    d.numerator_zh = "T 分数之和";
    d.numerator_en = "sum of T-scores";
    d.denominator_zh = "有 T 分数的结案个案数";
    d.denominator_en = "closed cases with a T-score";
    d.unit = IndicatorUnit::kScore;
    d.chart = ChartKind::kXmR;
    d.measure = Measure::kMean;
    d.scale = 1;
    all.push_back(d);
  }
  {
    IndicatorDef d;
    d.id = "gas_share_50";
    d.name_zh = "目标达成率（T ≥ 50）";
    d.name_en = "Goals attained (T ≥ 50)";
    d.definition_zh = "本期结案且有 GAS T 分数的个案中，T 分数不低于 50（达到或超过预期）的比例。";
    d.definition_en =
        "Of the cases closed in the period with a GAS T-score, the share with T ≥ 50 (as "
        "expected or better).";
    d.formula = "count(T ≥ 50) / evaluated × 100 %";
    d.numerator_zh = "T ≥ 50 的个案数";
    d.numerator_en = "cases with T ≥ 50";
    d.denominator_zh = "有 T 分数的结案个案数";
    d.denominator_en = "closed cases with a T-score";
    all.push_back(d);
  }
  {
    IndicatorDef d;
    d.id = "satisfaction_mean";
    d.name_zh = "服务对象满意度";
    d.name_en = "Client satisfaction";
    d.definition_zh =
        "本期结案个案的服务对象满意度（1–5 分）平均值：服务对象本人填写了为该个案发送的满意度"
        "问卷时，取问卷总分折算的 1–5 分（多份取平均），否则取评估表中社工记录的满意度。";
    d.definition_en =
        "The mean client satisfaction (1–5) of the cases closed in the period: the client's own "
        "answers to the satisfaction surveys sent for the case, their totals scaled to 1–5 (the "
        "mean of several), else the satisfaction the worker wrote on the evaluation form.";
    d.formula = "Σ score / rated";
    d.numerator_zh = "满意度分数之和";
    d.numerator_en = "sum of scores";
    d.denominator_zh = "填写了满意度的结案个案数";
    d.denominator_en = "closed cases with a score";
    d.unit = IndicatorUnit::kScore;
    d.chart = ChartKind::kXmR;
    d.measure = Measure::kMean;
    d.scale = 1;
    all.push_back(d);
  }
  {
    IndicatorDef d;
    d.id = "complaint_rate";
    d.name_zh = "投诉率（每百结案）";
    d.name_en = "Complaints per 100 closed cases";
    d.definition_zh =
        "本期收到的投诉（不含建议、表扬和已撤回的）数除以本期结案的个案数乘以 100。投诉按被投诉"
        "的社工和所涉个案的服务对象计入社工、区和类别；未涉及个案的投诉只计入机构和被投诉社工。";
    d.definition_en =
        "Complaints received in the period (not suggestions, praise or withdrawn ones) per 100 "
        "cases closed in it. A complaint counts under the worker it is about and, when it names a "
        "case, the case's district and categories; one naming no case only under its "
        "organisation and worker.";
    d.formula = "complaints / closed × 100";
    d.numerator_zh = "投诉数";
    d.numerator_en = "complaints";
    d.denominator_zh = "结案个案数";
    d.denominator_en = "closed cases";
    d.direction = Direction::kLower;
    d.unit = IndicatorUnit::kPer100;
    d.chart = ChartKind::kXmR;
    d.measure = Measure::kRate;
    all.push_back(d);
  }
  {
    IndicatorDef d;
    d.id = "complaint_response_hours";
    d.name_zh = "投诉响应时间（中位数）";
    d.name_en = "Complaint response time (median)";
    d.definition_zh =
        "本期收到的投诉从收到到首次回应（受理，或直接办结）的小时数的中位数；尚未回应的不计。";
    d.definition_en =
        "The median hours from a complaint's receipt in the period to its first response "
        "(acknowledged, or resolved at once); those not yet answered are left out.";
    d.formula = "median(responded_at − received_at)";
    d.numerator_zh = "响应小时数之和";
    d.numerator_en = "sum of response hours";
    d.denominator_zh = "已回应的投诉数";
    d.denominator_en = "complaints responded to";
    d.direction = Direction::kLower;
    d.unit = IndicatorUnit::kHours;
    d.chart = ChartKind::kXmR;
    d.measure = Measure::kMedian;
    d.scale = 1;
    all.push_back(d);
  }
  {
    IndicatorDef d;
    d.id = "followup_on_time";
    d.name_zh = "按时回访率";
    d.name_en = "Follow-ups done on time";
    d.definition_zh = "本期到期的结案后回访中，在到期日结束前完成的比例（重开后取消的回访不计）。";
    d.definition_en =
        "Of the after-closure follow-ups due in the period, the share done by the end of their "
        "due day (those cancelled by a reopening are left out).";
    d.formula = "done_by_due / due × 100 %";
    d.numerator_zh = "按时完成的回访数";
    d.numerator_en = "follow-ups done by their due day";
    d.denominator_zh = "本期到期的回访数";
    d.denominator_en = "follow-ups due in the period";
    all.push_back(d);
  }
  {
    IndicatorDef d;
    d.id = "reopen_90d";
    d.name_zh = "结案后 90 天内重开率";
    d.name_en = "Reopened within 90 days of closure";
    d.definition_zh =
        "本期的结案中，90 天内被重开的比例。结案满 90 天或已重开后才计入，近期的数字因此会补齐。";
    d.definition_en =
        "Of the closures in the period, the share reopened within 90 days. A closure counts once "
        "its 90 days have passed or it was reopened, so recent periods fill in later.";
    d.formula = "reopened_within_90d / closures × 100 %";
    d.numerator_zh = "90 天内重开的结案数";
    d.numerator_en = "closures reopened within 90 days";
    d.denominator_zh = "结案次数";
    d.denominator_en = "closures";
    d.direction = Direction::kLower;
    all.push_back(d);
  }
  {
    IndicatorDef d;
    d.id = "caseload";
    d.name_zh = "人均在案量";
    d.name_en = "Caseload (open cases per worker)";
    d.definition_zh = "期末（或当前）在案（未结案）的个案数除以有在案个案的主责社工人数。";
    d.definition_en =
        "Cases open at the end of the period (or now) over the primary workers holding open "
        "cases then.";
    d.formula = "open_cases / workers";
    d.numerator_zh = "在案个案数";
    d.numerator_en = "open cases";
    d.denominator_zh = "主责社工人数";
    d.denominator_en = "primary workers";
    d.direction = Direction::kLower;
    d.unit = IndicatorUnit::kCount;
    d.chart = ChartKind::kXmR;
    d.measure = Measure::kRatio;
    d.scale = 1;
    d.suppress_small = false;
    all.push_back(d);
  }
  {
    IndicatorDef d;
    d.id = "supervision_hours";
    d.name_zh = "人均月督导时数";
    d.name_en = "Supervision hours per worker per month";
    d.definition_zh =
        "本期督导记录中社工作为被督导者的时数（小组督导每位被督导者分别计）之和，除以在册社工的人月"
        "数"
        "（每位社工在本期涉及的每个自然月计一个人月，没有督导的也计入）。";
    d.definition_en =
        "The hours workers spent as supervisees in the supervision log (a group session counts "
        "for each supervisee) over the worker-months on the roll: each worker counts once for "
        "every calendar month the period touches, with or without supervision.";
    d.formula = "Σ supervision hours / worker-months";
    d.numerator_zh = "督导时数";
    d.numerator_en = "supervision hours";
    d.denominator_zh = "社工人月数";
    d.denominator_en = "worker-months";
    d.unit = IndicatorUnit::kHours;
    d.chart = ChartKind::kXmR;
    d.measure = Measure::kRatio;
    d.source = Source::kSupervision;
    d.scale = 1;
    d.suppress_small = false;
    all.push_back(d);
  }
  {
    IndicatorDef d;
    d.id = "training_hours";
    d.name_zh = "人均培训时数";
    d.name_en = "Training hours per staff member";
    d.definition_zh = "本期员工实际出勤的培训时数之和除以在册员工人数（没有参加培训的也计入）。";
    d.definition_en =
        "Hours of training the staff attended in the period over the staff members on the roll "
        "(those without training count too).";
    d.formula = "Σ training hours / staff";
    d.numerator_zh = "培训时数";
    d.numerator_en = "training hours";
    d.denominator_zh = "员工人数";
    d.denominator_en = "staff members";
    d.unit = IndicatorUnit::kHours;
    d.chart = ChartKind::kXmR;
    d.measure = Measure::kRatio;
    d.source = Source::kTraining;
    d.scale = 1;
    d.suppress_small = false;
    all.push_back(d);
  }
  {
    IndicatorDef d;
    d.id = "file_completeness";
    d.name_zh = "档案完整率";
    d.name_en = "Case-file completeness";
    d.definition_zh =
        "本期结案个案的平均档案完整度：已到达各阶段表单的字段（必填与选填，系统计算的只读字段除外）"
        "中"
        "已填写的比例。表单尚无“建议填写”的标记，故选填字段均视为建议填写。";
    d.definition_en =
        "The mean file completeness of the cases closed in the period: the share of the fields "
        "of the forms of the stages reached (required and optional, the read-only computed ones "
        "left out) that are filled in. The forms mark no field \"recommended\", so every "
        "optional field counts as recommended.";
    d.formula = "Σ (filled / fields) / closed × 100 %";
    d.numerator_zh = "各个案完整度之和";
    d.numerator_en = "sum of the cases' completeness";
    d.denominator_zh = "结案个案数";
    d.denominator_en = "closed cases";
    d.chart = ChartKind::kXmR;
    d.measure = Measure::kMean;
    all.push_back(d);
  }
  {
    IndicatorDef d;
    d.id = "escalations_per100";
    d.name_zh = "升级督办率（每百在案）";
    d.name_en = "Escalations per 100 open cases";
    d.definition_zh = "本期的升级督办（阶段时限逾期 3 天）次数除以本期内曾在案的个案数乘以 100。";
    d.definition_en =
        "Escalations (a stage deadline 3 days past) in the period per 100 cases open at some "
        "time in it.";
    d.formula = "escalations / open cases × 100";
    d.numerator_zh = "升级督办次数";
    d.numerator_en = "escalations";
    d.denominator_zh = "本期在案个案数";
    d.denominator_en = "cases open in the period";
    d.direction = Direction::kLower;
    d.unit = IndicatorUnit::kPer100;
    d.chart = ChartKind::kXmR;
    d.measure = Measure::kRate;
    all.push_back(d);
  }
  return all;
}

// A deadline judged: met when done by it; missed when not done, the case still
// open and the deadline past; otherwise (closed before the work was done, or
// not yet due) no observation.
void JudgeDeadline(std::vector<Observation>& out, std::size_t i, std::optional<EpochMs> due,
                   std::optional<EpochMs> done, std::optional<EpochMs> closed, EpochMs now) {
  if (!due) return;
  if (done) {
    out.push_back({i, *due, *done <= *due ? 1.0 : 0.0, 1});
  } else if (!closed && now > *due) {
    out.push_back({i, *due, 0, 1});
  }
}

bool OpenAt(const CaseQualityFacts& f, EpochMs t) {
  return f.opened_at <= t && (!f.closed_at || *f.closed_at > t);
}

// The rule of an indicator of the cases, found once per Observe rather than
// by comparing its id for every fact.
enum class Rule {
  kNone,
  kAssessmentOnTime,
  kPlanOnTime,
  kClosureOnTime,
  kCrisisContact,
  kGasMean,
  kGasShare50,
  kSatisfactionMean,
  kFollowUpOnTime,
  kReopen90d,
  kCaseload,
  kFileCompleteness,
  kEscalationsPer100,
  kComplaintRate,
  kComplaintResponse,
};

Rule RuleOf(std::string_view id) {
  static constexpr std::pair<std::string_view, Rule> kRules[] = {
      {"assessment_on_time", Rule::kAssessmentOnTime},
      {"plan_on_time", Rule::kPlanOnTime},
      {"closure_on_time", Rule::kClosureOnTime},
      {"crisis_contact_24h", Rule::kCrisisContact},
      {"gas_mean", Rule::kGasMean},
      {"gas_share_50", Rule::kGasShare50},
      {"satisfaction_mean", Rule::kSatisfactionMean},
      {"followup_on_time", Rule::kFollowUpOnTime},
      {"reopen_90d", Rule::kReopen90d},
      {"caseload", Rule::kCaseload},
      {"file_completeness", Rule::kFileCompleteness},
      {"escalations_per100", Rule::kEscalationsPer100},
      {"complaint_rate", Rule::kComplaintRate},
      {"complaint_response_hours", Rule::kComplaintResponse},
  };
  for (const auto& [name, rule] : kRules) {
    if (name == id) return rule;
  }
  return Rule::kNone;
}

}  // namespace

std::string_view ToString(IndicatorUnit unit) {
  switch (unit) {
    case IndicatorUnit::kPercent:
      return "percent";
    case IndicatorUnit::kHours:
      return "hours";
    case IndicatorUnit::kPer100:
      return "per100";
    case IndicatorUnit::kCount:
      return "count";
    case IndicatorUnit::kDays:
      return "days";
    case IndicatorUnit::kScore:
      return "score";
  }
  return "percent";
}

std::string_view ToString(Direction direction) {
  return direction == Direction::kHigher ? "higher" : "lower";
}

const std::vector<IndicatorDef>& Catalogue() {
  static const std::vector<IndicatorDef> kAll = MakeCatalogue();
  return kAll;
}

const IndicatorDef* FindIndicator(std::string_view id) {
  for (const auto& def : Catalogue()) {
    if (def.id == id) return &def;
  }
  return nullptr;
}

std::optional<std::size_t> IntervalOf(std::span<const Interval> intervals, EpochMs t) {
  auto it = std::upper_bound(intervals.begin(), intervals.end(), t,
                             [](EpochMs v, const Interval& in) { return v < in.start; });
  if (it == intervals.begin()) return std::nullopt;
  --it;
  if (t >= it->end) return std::nullopt;
  return static_cast<std::size_t>(it - intervals.begin());
}

std::vector<Observation> Observe(const IndicatorDef& def, std::span<const CaseQualityFacts> facts,
                                 std::span<const Interval> intervals, EpochMs now) {
  std::vector<Observation> out;
  if (!def.measured || def.source != Source::kCases) return out;
  const Rule rule = RuleOf(def.id);
  const bool of_complaints = rule == Rule::kComplaintRate || rule == Rule::kComplaintResponse;
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const CaseQualityFacts& f = facts[i];
    // A complaint's own fact (case_id 0) is no case: it counts for nothing else.
    if (f.case_id == 0 && !of_complaints) continue;
    if (rule == Rule::kAssessmentOnTime) {
      JudgeDeadline(out, i, f.assessment_due, f.planning_at, f.closed_at, now);
    } else if (rule == Rule::kPlanOnTime) {
      JudgeDeadline(out, i, f.planning_due, f.intervention_at, f.closed_at, now);
    } else if (rule == Rule::kClosureOnTime) {
      JudgeDeadline(out, i, f.closure_due, f.closed_at, std::nullopt, now);
    } else if (rule == Rule::kCrisisContact) {
      if (f.crisis)
        JudgeDeadline(out, i, f.crisis_contact_due, f.first_contact_at, f.closed_at, now);
    } else if (rule == Rule::kGasMean) {
      if (f.closed_at && f.gas_t) out.push_back({i, *f.closed_at, *f.gas_t, 1});
    } else if (rule == Rule::kGasShare50) {
      if (f.closed_at && f.gas_t) out.push_back({i, *f.closed_at, *f.gas_t >= 50 ? 1.0 : 0.0, 1});
    } else if (rule == Rule::kSatisfactionMean) {
      // The client's own voice first: their survey answers over the worker's note.
      if (f.closed_at && !f.survey_scores.empty()) {
        double sum = 0;
        for (double score : f.survey_scores) sum += score;
        out.push_back({i, *f.closed_at, sum / static_cast<double>(f.survey_scores.size()), 1});
      } else if (f.closed_at && f.satisfaction) {
        out.push_back({i, *f.closed_at, static_cast<double>(*f.satisfaction), 1});
      }
    } else if (rule == Rule::kFollowUpOnTime) {
      for (const auto& fu : f.followups) {
        if (fu.due_at > now && !fu.done_at) continue;  // not yet due
        out.push_back({i, fu.due_at, fu.done_at && *fu.done_at <= fu.due_at ? 1.0 : 0.0, 1});
      }
    } else if (rule == Rule::kReopen90d) {
      const EpochMs window = kReopenWindowDays * kDayMs;
      for (const auto& c : f.closures) {
        const bool reopened = c.reopened_at && *c.reopened_at - c.closed_at <= window;
        if (!reopened && now < c.closed_at + window) continue;  // not yet judged
        out.push_back({i, c.closed_at, reopened ? 1.0 : 0.0, 1});
      }
    } else if (rule == Rule::kCaseload) {
      for (const auto& in : intervals) {
        const EpochMs at = std::min(in.end, now + 1) - 1;  // the period's last instant, or now
        if (at < in.start || !OpenAt(f, at)) continue;
        out.push_back({i, at, 1, 0, f.primary_worker_id});
      }
    } else if (rule == Rule::kFileCompleteness) {
      if (f.closed_at && f.fields_expected > 0) {
        out.push_back(
            {i, *f.closed_at, static_cast<double>(f.fields_filled) / f.fields_expected, 1});
      }
    } else if (rule == Rule::kEscalationsPer100) {
      for (const auto& in : intervals) {
        const bool open = f.opened_at < in.end && (!f.closed_at || *f.closed_at >= in.start);
        if (open && in.start <= now) out.push_back({i, in.start, 0, 0, f.case_id});
      }
      for (EpochMs at : f.escalations) out.push_back({i, at, 1, 0, 0});
    } else if (rule == Rule::kComplaintRate) {
      // The closures are the exposure, counted once per case in a period.
      if (f.case_id != 0) {
        for (const auto& c : f.closures) out.push_back({i, c.closed_at, 0, 0, f.case_id});
      }
      for (const auto& c : f.complaints) out.push_back({i, c.received_at, 1, 0, 0});
    } else if (rule == Rule::kComplaintResponse) {
      for (const auto& c : f.complaints) {
        if (!c.responded_at) continue;
        const double hours = static_cast<double>(*c.responded_at - c.received_at) / 3'600'000;
        out.push_back({i, c.received_at, std::max(0.0, hours), 1});
      }
    }
  }
  // Keep only what falls in an interval.
  std::erase_if(out, [&](const Observation& o) { return !IntervalOf(intervals, o.at); });
  return out;
}

std::optional<UnitBy> ParseUnitBy(std::string_view text) {
  if (text == "org") return UnitBy::kOrg;
  if (text == "worker") return UnitBy::kWorker;
  if (text == "district") return UnitBy::kDistrict;
  if (text == "category") return UnitBy::kCategory;
  return std::nullopt;
}

std::int64_t OrgUnitUnder(std::span<const std::int64_t> chain, std::int64_t asked) {
  if (chain.empty()) return asked;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (chain[i] == asked) return i == 0 ? asked : chain[i - 1];
  }
  return chain.front();
}

std::optional<std::int64_t> HighestIn(std::span<const std::int64_t> chain,
                                      const std::set<std::int64_t>& candidates) {
  for (std::size_t i = chain.size(); i-- > 0;) {  // from the root down
    if (candidates.contains(chain[i])) return chain[i];
  }
  return std::nullopt;
}

FactUnits::FactUnits(UnitBy by, std::span<const CaseQualityFacts> facts, const OrgUnits* org_units)
    : facts_(facts.size()), all_(by == UnitBy::kAll) {
  if (all_) {
    keys_.emplace_back();
    return;
  }
  starts_.reserve(facts.size() + 1);
  units_.reserve(facts.size());
  std::unordered_map<std::int64_t, std::uint32_t> by_id;
  std::unordered_map<std::string, std::uint32_t> by_text;
  auto intern_text = [&](const std::string& key) {
    auto [it, added] = by_text.try_emplace(key, static_cast<std::uint32_t>(keys_.size()));
    if (added) keys_.push_back(key);
    return it->second;
  };
  auto intern_id = [&](std::int64_t id) {
    auto [it, added] = by_id.try_emplace(id, static_cast<std::uint32_t>(keys_.size()));
    if (added) keys_.push_back(std::to_string(id));
    return it->second;
  };
  for (const CaseQualityFacts& f : facts) {
    starts_.push_back(static_cast<std::uint32_t>(units_.size()));
    switch (by) {
      case UnitBy::kAll:
        break;
      case UnitBy::kOrg: {
        std::int64_t org = f.org_id;
        if (org_units) {
          auto it = org_units->find(f.org_id);
          if (it != org_units->end()) org = it->second;
        }
        units_.push_back(intern_id(org));
        break;
      }
      case UnitBy::kWorker:
        // A complaint about no one in particular counts under no worker.
        if (f.primary_worker_id != 0) units_.push_back(intern_id(f.primary_worker_id));
        break;
      case UnitBy::kDistrict:
        units_.push_back(f.region_id ? intern_id(*f.region_id) : intern_text(""));
        break;
      case UnitBy::kCategory:
        for (const auto& category : f.categories) units_.push_back(intern_text(category));
        break;
    }
  }
  starts_.push_back(static_cast<std::uint32_t>(units_.size()));
}

std::span<const std::uint32_t> FactUnits::Of(std::size_t i) const {
  static constexpr std::uint32_t kTheOne[] = {0};
  if (all_) return kTheOne;
  return std::span<const std::uint32_t>(units_).subspan(starts_[i], starts_[i + 1] - starts_[i]);
}

std::map<std::pair<std::string, std::size_t>, Cell> Aggregate(
    const IndicatorDef& def, std::span<const CaseQualityFacts> facts,
    std::span<const Observation> observations, std::span<const Interval> intervals, UnitBy by,
    const OrgUnits* org_units) {
  return Aggregate(def, FactUnits(by, facts, org_units), observations, intervals);
}

std::map<std::pair<std::string, std::size_t>, Cell> Aggregate(
    const IndicatorDef& def, const FactUnits& units, std::span<const Observation> observations,
    std::span<const Interval> intervals) {
  // Summed per (unit, interval) as unit × intervals + interval; the distinct
  // keys gathered in a vector, sorted and counted once at the end.
  struct Sum {
    double numerator = 0;
    double denominator = 0;
    std::vector<std::int64_t> distinct;
    std::vector<double> values;
  };
  const bool distinct = def.measure == Measure::kRatio || def.measure == Measure::kRate;
  const bool median = def.measure == Measure::kMedian;
  const std::uint64_t periods = intervals.size();
  std::unordered_map<std::uint64_t, Sum> sums;
  for (const auto& o : observations) {
    auto period = IntervalOf(intervals, o.at);
    if (!period || o.fact >= units.facts()) continue;
    for (std::uint32_t unit : units.Of(o.fact)) {
      Sum& sum = sums[unit * periods + *period];
      sum.numerator += o.numerator;
      if (distinct) {
        if (o.distinct != 0) sum.distinct.push_back(o.distinct);
      } else {
        sum.denominator += o.denominator;
      }
      if (median) sum.values.push_back(o.numerator);
    }
  }
  std::map<std::pair<std::string, std::size_t>, Cell> cells;
  for (auto& [key, sum] : sums) {
    Cell& cell = cells[{units.Key(static_cast<std::uint32_t>(key / periods)),
                        static_cast<std::size_t>(key % periods)}];
    cell.numerator = sum.numerator;
    if (distinct) {
      std::sort(sum.distinct.begin(), sum.distinct.end());
      cell.distinct.insert(sum.distinct.begin(), sum.distinct.end());
      cell.denominator = static_cast<double>(cell.distinct.size());
    } else {
      cell.denominator = sum.denominator;
    }
    cell.values = std::move(sum.values);
  }
  return cells;
}

std::map<std::pair<std::string, std::size_t>, Cell> AggregateStaff(
    const IndicatorDef& def, std::span<const StaffMember> roll, std::span<const StaffHours> hours,
    std::span<const Interval> intervals, UnitBy by) {
  std::map<std::pair<std::string, std::size_t>, Cell> cells;
  if (!def.measured || def.source == Source::kCases) return cells;
  if (by == UnitBy::kDistrict || by == UnitBy::kCategory) return cells;
  const bool per_month = def.source == Source::kSupervision;
  // Each member's units, once however many of the roll's organisations hold them.
  std::map<std::int64_t, std::set<std::string>> units;
  for (const auto& m : roll) {
    if (per_month && !m.worker) continue;
    std::string unit = by == UnitBy::kOrg      ? std::to_string(m.org_id)
                       : by == UnitBy::kWorker ? std::to_string(m.user_id)
                                               : std::string();
    units[m.user_id].insert(std::move(unit));
  }
  // The local months an interval touches, as year × 12 + month.
  auto months_of = [](const Interval& in) {
    std::vector<std::int64_t> months;
    const LocalDate first = LocalDateOf(in.start), last = LocalDateOf(in.end - 1);
    date::year_month at = first.year() / first.month();
    const date::year_month end = last.year() / last.month();
    for (; at <= end; at += date::months{1}) {
      months.push_back(static_cast<int>(at.year()) * 12 +
                       static_cast<int>(static_cast<unsigned>(at.month())));
    }
    return months;
  };
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    const auto months = per_month ? months_of(intervals[i]) : std::vector<std::int64_t>{0};
    for (const auto& [user, keys] : units) {
      for (const auto& unit : keys) {
        Cell& cell = cells[{unit, i}];
        // A member-month key: the month (< 100000) under the user id.
        for (std::int64_t month : months) cell.distinct.insert(user * 100000 + month);
      }
    }
  }
  for (const auto& h : hours) {
    auto member = units.find(h.user_id);
    auto period = IntervalOf(intervals, h.at);
    if (member == units.end() || !period) continue;
    for (const auto& unit : member->second) cells[{unit, *period}].numerator += h.hours;
  }
  for (auto& [key, cell] : cells) cell.denominator = static_cast<double>(cell.distinct.size());
  return cells;
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

CellValue ValueOf(const IndicatorDef& def, const Cell& cell) {
  CellValue v;
  if (def.suppress_small && cell.denominator > 0 && cell.denominator < kMinCellDenominator) {
    v.suppressed = true;
    return v;
  }
  v.numerator = cell.numerator;
  v.denominator = cell.denominator;
  if (def.measure == Measure::kMedian) {
    if (!cell.values.empty()) v.value = Median(cell.values) * def.scale;
  } else if (cell.denominator > 0) {
    v.value = cell.numerator / cell.denominator * def.scale;
  }
  return v;
}

}  // namespace jieli::quality
