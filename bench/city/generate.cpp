// jieli_citygen: the city-scale benchmark data set (bench/city, issue 3).
//
// Writes a whole city into a new SQLite database (or an empty PostgreSQL
// database) through the store: regions,
// 200 agencies with their stations and departments, 10,000 staff, 1,000,000
// clients with one case each, 10,000,000 service records, pending approvals
// and follow-ups (every count times --scale). The schema comes from the real
// migrations, the bureau and `admin` from SeedInitial, and the key file is
// made as `jieli init` makes it, so `jieli serve` reads the result as it is.
//
// Speed: one connection, journal and fsync off and foreign keys unchecked
// while loading; multi-row INSERTs in one transaction per table; the secondary
// indexes and the search triggers of the big tables dropped first and
// recreated at the end from their own SQL text (the schema ends identical),
// the FTS5 trigram tables rebuilt in one pass. The file is switched back to
// WAL before it is closed. A failed run leaves a broken file: delete it.
// On PostgreSQL: commits unsynchronised and foreign-key triggers off while
// loading (session_replication_role, when the role may set it), the secondary
// and trigram indexes dropped and rebuilt, the id sequences moved past the
// ids written, and the tables analysed.
//
// Deterministic for a seed and a day (--today): times are laid out backwards
// from the start of that day, in Asia/Shanghai.
#include <algorithm>
#include <array>
#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "cli/seed.hpp"
#include "core/crypto.hpp"
#include "core/local_time.hpp"
#include "modules/cases/deadline.hpp"
#include "modules/cases/followup.hpp"
#include "modules/cases/rollup.hpp"
#include "modules/cases/stage.hpp"
#include "modules/clients/client.hpp"
#include "modules/orgs/org.hpp"

namespace jieli::citygen {
namespace {

using Json = nlohmann::json;
using cases::RiskLevel;
using cases::Stage;
using clients::Category;
using orgs::Role;
using store::Value;

constexpr EpochMs kHour = EpochMs{3600} * 1000;
constexpr EpochMs kDay = 24 * kHour;
constexpr const char* kPassword = "Jieli@2026";

// --- the city's words ----------------------------------------------------------------

constexpr std::array<const char*, 10> kDistricts = {"东湖", "西山", "江岸", "汉阳", "青山",
                                                    "南湖", "北城", "临江", "新洲", "黄陂"};
constexpr std::array<const char*, 10> kStreetFirst = {"东", "西", "南", "北", "新",
                                                      "长", "青", "白", "红", "金"};
constexpr std::array<const char*, 10> kStreetSecond = {"湖", "山", "亭", "苑", "桥",
                                                       "港", "林", "园", "岭", "湾"};
constexpr std::array<const char*, 10> kCommunities = {"和平", "幸福", "花园", "翠竹", "丽景",
                                                      "阳光", "书香", "锦绣", "滨江", "桂苑"};
constexpr std::array<const char*, 20> kBrands = {
    "阳光", "启航", "同心", "善德", "益众", "爱心", "春晖", "筑梦", "馨苑", "明德",
    "和谐", "恒爱", "众帮", "心桥", "博爱", "仁和", "乐群", "惠民", "长青", "彩虹"};
constexpr std::array<const char*, 4> kAgencySuffixes = {"社会工作服务中心", "社工服务社",
                                                        "社会工作事务所", "社区服务中心"};
constexpr std::array<const char*, 3> kAgencyTypes = {"comprehensive", "specialised", "community"};
constexpr std::array<const char*, 5> kDepartments = {"个案服务部", "社区发展部", "综合服务部",
                                                     "青少年服务部", "长者服务部"};

// Common surnames first: picking the smaller of two indexes favours them.
constexpr std::array<const char*, 60> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金"};
constexpr std::array<const char*, 40> kMaleChars = {
    "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "建", "国", "志", "海",
    "俊", "浩", "宇", "文", "德", "华", "振", "永", "福", "长", "顺", "平", "斌", "辉",
    "鹏", "飞", "亮", "健", "峰", "林", "清", "祥", "荣", "博", "晨", "轩"};
constexpr std::array<const char*, 40> kFemaleChars = {
    "芳", "娜", "敏", "静", "丽", "艳", "秀", "英", "桂", "兰", "玉", "淑", "珍", "娟",
    "春", "梅", "晓", "燕", "婷", "雨", "涵", "欣", "怡", "梓", "思", "佳", "凤", "翠",
    "美", "玲", "霞", "萍", "红", "琳", "慧", "颖", "洁", "雪", "丹", "倩"};
constexpr std::array<const char*, 14> kMobilePrefixes = {"138", "139", "135", "136", "137",
                                                         "150", "151", "158", "159", "186",
                                                         "187", "188", "177", "199"};

// Presenting problems (主诉问题), six per client profile.
constexpr std::array<const char*, 30> kProblems = {
    // elderly
    "独居老人日常生活照料困难", "高龄老人慢性病管理与用药依从性差", "老人丧偶后情绪低落、社交退缩",
    "失能老人家庭照护者压力过大", "老人遭受子女经济侵害", "认知障碍老人走失风险高",
    // children
    "留守儿童学业困难、亲子沟通缺失", "儿童遭受家庭暴力需紧急保护", "单亲家庭儿童行为问题",
    "儿童监护缺失、由祖辈隔代抚养", "困境儿童营养不良与就医困难", "儿童厌学、沉迷网络游戏",
    // youth
    "青少年辍学在家、无所事事", "青少年与父母冲突激烈", "青少年校园欺凌受害",
    "青少年情绪抑郁、有自伤念头", "社区闲散青少年就业意愿低", "青少年沉迷网络、作息紊乱",
    // women and families
    "妇女遭受家庭暴力", "婚姻危机与离婚后的生活重建", "单亲母亲经济困难、就业受阻",
    "产后抑郁、照顾婴儿压力大", "婆媳矛盾导致家庭关系紧张", "妇女再就业技能不足",
    // disability, migrant work, poverty
    "残疾人康复服务衔接不畅", "残疾人就业困难、社会参与不足", "农民工欠薪维权",
    "外来务工人员子女入学困难", "低保家庭因病致贫、医疗负担重", "失业人员生活困难、申请临时救助"};

constexpr std::array<const char*, 20> kServiceContents = {"入户探访，了解服务对象近况与需求",
                                                          "电话跟进，确认上周约定事项的落实情况",
                                                          "面谈，协助服务对象梳理当前困扰",
                                                          "陪同服务对象前往医院复诊",
                                                          "协助申请低保和临时救助，整理申请材料",
                                                          "与学校老师沟通孩子在校表现",
                                                          "组织亲子沟通练习",
                                                          "链接社区志愿者提供助餐服务",
                                                          "开展情绪疏导，引导服务对象表达感受",
                                                          "召开家庭会议，协调家庭成员分工照顾",
                                                          "协助办理残疾证年审",
                                                          "与街道、社区网格员召开个案协调会",
                                                          "转介心理咨询机构并跟进",
                                                          "线上视频会谈，跟进目标进展",
                                                          "邀请服务对象参加社区兴趣小组",
                                                          "协助联系用人单位，跟进欠薪处理进度",
                                                          "安全评估与安全计划制定",
                                                          "回顾计划目标达成情况，调整服务计划",
                                                          "入户送去生活物资，检查居家安全隐患",
                                                          "陪同服务对象前往派出所咨询法律事宜"};
constexpr std::array<const char*, 12> kTechniques = {
    "倾听与同理",   "认知行为疗法", "焦点解决短期治疗", "叙事疗法",
    "任务中心模式", "危机介入",     "家庭系统治疗",     "优势视角",
    "动机式访谈",   "资源链接",     "小组工作",         "社会支持网络建设"};
constexpr std::array<const char*, 16> kProgressNotes = {
    "情绪较上周平稳",       "能主动表达需求",           "睡眠有所改善",
    "家庭沟通次数增加",     "按时服药，身体状况稳定",   "已完成申请材料提交",
    "孩子按时到校",         "仍有焦虑情绪，需持续关注", "与家人关系有所缓和",
    "服务对象参与意愿增强", "目标一已基本达成",         "出现反复，需调整介入策略",
    "社会支持网络逐步建立", "经济状况暂无改善",         "已链接到社区资源",
    "对服务表示满意"};
// Closure reasons (结案原因) of the closure form, goals met most often.
constexpr std::array<const char*, 20> kClosureReasons = {
    "goals_met",   "goals_met",   "goals_met",   "goals_met",   "goals_met",
    "goals_met",   "goals_met",   "goals_met",   "goals_met",   "goals_met",
    "goals_met",   "goals_met",   "client_wish", "client_wish", "client_wish",
    "transferred", "transferred", "unreachable", "unreachable", "deceased"};
constexpr std::array<const char*, 3> kFollowUpNotes = {
    "电话回访，服务对象状况稳定", "上门回访，生活已恢复正常", "回访时服务对象表示对服务满意"};
constexpr std::array<const char*, 6> kElderlyRisks = {"独居",     "高龄独居", "慢性病",
                                                      "跌倒风险", "认知障碍", "失能"};
constexpr std::array<const char*, 6> kOtherRisks = {"家庭暴力", "自伤风险", "欠薪纠纷",
                                                    "辍学风险", "监护缺失", "经济困难"};

// --- small helpers -------------------------------------------------------------------

// std::mt19937_64 with plain modulo, not <random>'s distributions, so that a
// seed gives the same city with every standard library.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  std::int64_t Below(std::int64_t n) {
    return static_cast<std::int64_t>(engine_() % static_cast<std::uint64_t>(n));
  }
  std::int64_t Between(std::int64_t low, std::int64_t high) { return low + Below(high - low + 1); }
  bool Chance(int percent) { return Below(100) < percent; }
  template <class T, std::size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[static_cast<std::size_t>(Below(static_cast<std::int64_t>(N)))];
  }

 private:
  std::mt19937_64 engine_;
};

Value I(std::int64_t n) { return {n}; }
Value S(std::string_view text) { return {std::string(text)}; }
Value OptI(std::int64_t n) { return n == 0 ? store::Null() : Value(n); }

std::string Thousands(std::int64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Padded(std::int64_t n, int width) {
  std::string text = std::to_string(n);
  if (static_cast<int>(text.size()) < width)
    text.insert(0, static_cast<std::size_t>(width) - text.size(), '0');
  return text;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Prints one line per table: rows, seconds, rows per second.
class Progress {
 public:
  explicit Progress(std::string name)
      : name_(std::move(name)), start_(std::chrono::steady_clock::now()) {}
  void Done(std::int64_t rows) const {
    double seconds = SecondsSince(start_);
    std::printf(
        "  %-34s %12s rows %8.1f s %10s rows/s\n", name_.c_str(), Thousands(rows).c_str(), seconds,
        Thousands(std::llround(static_cast<double>(rows) / std::max(seconds, 1e-3))).c_str());
    std::fflush(stdout);
  }

 private:
  std::string name_;
  std::chrono::steady_clock::time_point start_;
};

// Collects rows and writes them kRowsPerStatement at a time as one multi-row
// INSERT: SQLite runs one statement for many rows, and the store keeps both
// texts (a full batch and the last, shorter one) prepared.
class BulkInsert {
 public:
  static constexpr std::size_t kRowsPerStatement = 100;

  BulkInsert(store::Transaction& tx, std::string table, std::vector<std::string> columns)
      : tx_(tx), table_(std::move(table)), columns_(std::move(columns)) {
    full_sql_ = Sql(kRowsPerStatement);
    pending_.reserve(kRowsPerStatement * columns_.size());
  }

  // One row; values in the order of the columns.
  template <class... V>
  Status Add(V&&... values) {
    assert(sizeof...(V) == columns_.size());
    (pending_.emplace_back(std::forward<V>(values)), ...);
    ++rows_;
    if (pending_.size() >= kRowsPerStatement * columns_.size()) return Flush();
    return Ok();
  }

  Status Flush() {
    if (pending_.empty()) return Ok();
    std::size_t rows = pending_.size() / columns_.size();
    auto written = tx_.Execute(rows == kRowsPerStatement ? full_sql_ : Sql(rows), pending_);
    pending_.clear();
    if (!written) return written.error();
    return Ok();
  }

  std::int64_t rows() const { return rows_; }

 private:
  std::string Sql(std::size_t rows) const {
    std::string tuple = "(";
    for (std::size_t i = 0; i < columns_.size(); ++i) tuple += i == 0 ? "?" : ", ?";
    tuple += ")";
    std::string sql = "INSERT INTO " + table_ + " (";
    for (std::size_t i = 0; i < columns_.size(); ++i) sql += (i == 0 ? "" : ", ") + columns_[i];
    sql += ") VALUES ";
    for (std::size_t r = 0; r < rows; ++r) sql += (r == 0 ? "" : ", ") + tuple;
    return sql;
  }

  store::Transaction& tx_;
  std::string table_;
  std::vector<std::string> columns_;
  std::string full_sql_;
  std::vector<Value> pending_;
  std::int64_t rows_ = 0;
};

// --- the model of the city being built -------------------------------------------------

struct Options {
  std::string db_url;
  std::string key_file;
  double scale = 1.0;
  std::uint64_t seed = 42;
  std::string today;  // YYYY-MM-DD; empty: today in Asia/Shanghai
  std::string targets_path;
};

struct Counts {
  std::int64_t agencies, staff, clients, services;
};

struct Street {
  std::int64_t id;
  std::string name;
  std::vector<std::int64_t> communities;
  std::vector<std::string> community_names;
};

struct District {
  std::int64_t id;
  std::string name;  // "东湖区"
  std::vector<Street> streets;
};

struct Unit {  // the agency itself, a station or a department
  std::int64_t org_id;
  int street;  // the station's street; -1: anywhere in the district
};

struct Agency {
  std::int64_t id;
  std::string name;
  int district;
  std::vector<Unit> units;  // units[0] is the agency itself
  std::vector<int> workers, supervisors;
};

struct Staff {
  std::int64_t user_id;
  std::string username;
  int agency;
  int unit;        // index into the agency's units: where the membership is
  int supervisor;  // staff index of their supervisor (workers only)
  Role role;
};

enum class Profile { kElderly, kChild, kYouth, kWoman, kMigrant, kDisabledAdult };

// One case, planned before anything is written so that every table agrees
// (client dates before the case, services inside its stages, counts). Times
// are epoch milliseconds, 0 for a stage not reached.
struct PlannedCase {
  int worker;     // staff index
  int co_worker;  // staff index or -1
  Profile profile;
  Stage stage;
  RiskLevel risk;
  bool crisis;
  bool approval_pending;
  std::uint8_t problem;
  std::uint8_t closure_reason;  // index into kClosureReasons, closed cases only
  int services;
  EpochMs opened_at, assessment_at, planning_at, intervention_at, evaluation_at, closed_at;
  EpochMs first_contact_at;
  EpochMs stage_at;         // when the current stage began
  EpochMs last_service_at;  // filled by the services phase
  int plan_days;            // intervention+: plan_end = local day of intervention_at + plan_days
};

struct City {
  EpochMs now = 0;  // the start of --today: every row lies before it
  LocalDate today;
  std::int64_t bureau_id = 0;
  std::int64_t city_region = 0;
  std::vector<District> districts;
  std::vector<Agency> agencies;
  std::vector<Staff> staff;
  std::vector<int> workers;  // staff indexes of role worker
  std::vector<PlannedCase> cases;
};

std::string PersonName(Random& random, bool male) {
  std::string name =
      kSurnames[static_cast<std::size_t>(std::min(random.Below(60), random.Below(60)))];
  const auto& chars = male ? kMaleChars : kFemaleChars;
  name += random.Pick(chars);
  if (random.Chance(70)) name += random.Pick(chars);
  return name;
}

std::string Mobile(Random& random) {
  std::string phone = random.Pick(kMobilePrefixes);
  phone += Padded(random.Below(100000000), 8);
  return phone;
}

char IdCheckDigit(std::string_view first17) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                   3, 7, 9,  10, 5, 8, 4, 2};
  static constexpr std::string_view kChecks = "10X98765432";
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
  return kChecks[static_cast<std::size_t>(sum % 11)];
}

// --- phases ------------------------------------------------------------------------

Status WriteRegions(store::Db& db, City& city) {
  Progress progress("regions");
  auto tx = db.Begin();
  if (!tx) return tx.error();
  auto add = [&](std::int64_t parent, const char* level, const std::string& code,
                 const std::string& name) -> Result<std::int64_t> {
    auto row = (*tx)->QueryOne(
        "INSERT INTO regions (parent_id, level, code, name, created_at) VALUES (?, ?, ?, ?, ?) "
        "RETURNING id",
        {OptI(parent), S(level), code, name, I(city.now - 800 * kDay)});
    if (!row) return row.error();
    return (*row)->Int(0);
  };
  auto city_id = add(0, "city", "420100", "江城市");
  if (!city_id) return city_id.error();
  city.city_region = *city_id;
  std::int64_t rows = 1;
  for (int d = 0; d < static_cast<int>(kDistricts.size()); ++d) {
    std::string d_code = "4201" + Padded(d + 1, 2);
    District district{0, std::string(kDistricts[static_cast<std::size_t>(d)]) + "区", {}};
    auto d_id = add(*city_id, "district", d_code, district.name);
    if (!d_id) return d_id.error();
    district.id = *d_id;
    for (int s = 0; s < 10; ++s) {
      // (s, s + 3d + 5) differs for every district and street: street names are unique.
      Street street{0,
                    std::string(kStreetFirst[static_cast<std::size_t>(s)]) +
                        kStreetSecond[static_cast<std::size_t>((s + 3 * d + 5) % 10)] + "街道",
                    {},
                    {}};
      std::string s_code = d_code + Padded(s + 1, 3);
      auto s_id = add(district.id, "street", s_code, street.name);
      if (!s_id) return s_id.error();
      street.id = *s_id;
      for (int c = 0; c < 10; ++c) {
        std::string name =
            std::string(kCommunities[static_cast<std::size_t>((c + s) % 10)]) + "社区";
        auto c_id = add(street.id, "community", s_code + Padded(c + 1, 3), name);
        if (!c_id) return c_id.error();
        street.communities.push_back(*c_id);
        street.community_names.push_back(name);
      }
      rows += 11;
      district.streets.push_back(std::move(street));
    }
    ++rows;
    city.districts.push_back(std::move(district));
  }
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  progress.Done(rows);
  return Ok();
}

Status WriteOrganizations(store::Db& db, City& city, const Counts& counts, Random& random) {
  Progress progress("organizations");
  auto tx = db.Begin();
  if (!tx) return tx.error();
  auto bureau = (*tx)->Execute(
      "UPDATE organizations SET region_id = ?, contact_phone = ?, address = ? WHERE id = ?",
      {I(city.city_region), S("027-86780000"), S("江城市东湖区民主路 88 号"), I(city.bureau_id)});
  if (!bureau) return bureau.error();
  EpochMs created = city.now - 760 * kDay;
  auto add = [&](std::int64_t parent, const char* kind, const char* agency_type,
                 const std::string& name, std::int64_t region,
                 const std::string& phone) -> Result<std::int64_t> {
    auto row = (*tx)->QueryOne(
        "INSERT INTO organizations (parent_id, kind, agency_type, name, region_id, contact_phone, "
        "address, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) "
        "RETURNING id",
        {I(parent), S(kind), S(agency_type), name, I(region), phone, S(""), I(created),
         I(created)});
    if (!row) return row.error();
    return (*row)->Int(0);
  };
  std::int64_t rows = 0;
  for (std::int64_t a = 0; a < counts.agencies; ++a) {
    auto i = static_cast<std::size_t>(a);
    Agency agency;
    agency.district = static_cast<int>(i % kDistricts.size());
    agency.name = std::string(kDistricts[i % kDistricts.size()]) +
                  kBrands[(i / 10) % kBrands.size()] +
                  kAgencySuffixes[(i / 200) % kAgencySuffixes.size()];
    if (i >= 800) agency.name += std::to_string(i / 800 + 1);  // only at --scale > 4
    const District& district = city.districts[static_cast<std::size_t>(agency.district)];
    std::string phone = "027-8" + Padded(random.Below(10000000), 7);
    auto id =
        add(city.bureau_id, "agency", random.Pick(kAgencyTypes), agency.name, district.id, phone);
    if (!id) return id.error();
    agency.id = *id;
    agency.units.push_back({agency.id, -1});
    // 1–2 street stations and 1–2 departments.
    int stations = static_cast<int>(random.Between(1, 2));
    int first_street = static_cast<int>(random.Below(10));
    for (int s = 0; s < stations; ++s) {
      int street = (first_street + s) % 10;
      auto station = add(agency.id, "station", "",
                         district.streets[static_cast<std::size_t>(street)].name + "社工站",
                         district.streets[static_cast<std::size_t>(street)].id, phone);
      if (!station) return station.error();
      agency.units.push_back({*station, street});
    }
    int departments = static_cast<int>(random.Between(1, 2));
    int first_department = static_cast<int>(random.Below(kDepartments.size()));
    for (int d = 0; d < departments; ++d) {
      auto department =
          add(agency.id, "department", "",
              kDepartments[static_cast<std::size_t>(first_department + d) % kDepartments.size()],
              district.id, "");
      if (!department) return department.error();
      agency.units.push_back({*department, -1});
    }
    rows += static_cast<std::int64_t>(agency.units.size());
    city.agencies.push_back(std::move(agency));
  }
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  progress.Done(rows);
  return Ok();
}

// Staff per agency vary (weights 2–6); each agency has one leader and about
// one supervisor per ten workers. 70% of workers belong to the agency itself
// (they see all its units), the others to one station or department.
Status WriteStaff(store::Db& db, City& city, const Counts& counts, Random& random) {
  Progress progress("users + memberships");
  auto hash = crypto::HashPassword(kPassword);  // once: argon2id takes ~0.1 s a hash
  if (!hash) return hash.error();
  std::vector<std::int64_t> weights;
  std::int64_t total_weight = 0;
  for (std::size_t a = 0; a < city.agencies.size(); ++a) {
    weights.push_back(random.Between(2, 6));
    total_weight += weights.back();
  }
  // Sizes by weight, at least 3; what rounding leaves over goes one by one to the first agencies.
  std::vector<std::int64_t> sizes;
  std::int64_t assigned = 0;
  for (std::int64_t weight : weights) {
    sizes.push_back(std::max<std::int64_t>(3, counts.staff * weight / total_weight));
    assigned += sizes.back();
  }
  for (std::size_t a = 0; assigned < counts.staff; a = (a + 1) % sizes.size(), ++assigned)
    ++sizes[a];
  auto tx = db.Begin();
  if (!tx) return tx.error();
  BulkInsert memberships(**tx, "memberships", {"user_id", "org_id", "role"});
  EpochMs created = city.now - 750 * kDay;
  std::array<int, 3> serial = {0, 0, 0};  // leaders, supervisors, workers
  for (std::size_t a = 0; a < city.agencies.size(); ++a) {
    Agency& agency = city.agencies[a];
    std::int64_t size = sizes[a];
    std::int64_t supervisors = std::max<std::int64_t>(1, (size - 1) / 11);
    for (std::int64_t k = 0; k < size; ++k) {
      Staff staff;
      staff.agency = static_cast<int>(a);
      staff.unit = 0;
      staff.supervisor = -1;
      if (k == 0) {
        staff.role = Role::kLeader;
        staff.username = "l" + Padded(++serial[0], 5);
      } else if (k <= supervisors) {
        staff.role = Role::kSupervisor;
        staff.username = "s" + Padded(++serial[1], 5);
      } else {
        staff.role = Role::kWorker;
        staff.username = "w" + Padded(++serial[2], 6);
        if (agency.units.size() > 1 && random.Chance(30)) {
          staff.unit = static_cast<int>(
              random.Between(1, static_cast<std::int64_t>(agency.units.size()) - 1));
        }
        staff.supervisor =
            agency.supervisors[static_cast<std::size_t>(k) % agency.supervisors.size()];
      }
      bool male = random.Chance(25);  // social work is mostly women's work in China too
      auto row = (*tx)->QueryOne(
          "INSERT INTO users (username, display_name, password_hash, active, failed_logins, "
          "totp_enabled, password_changed_at, created_at, updated_at) "
          "VALUES (?, ?, ?, 1, 0, 0, ?, ?, ?) RETURNING id",
          {staff.username, PersonName(random, male), *hash, I(created), I(created), I(created)});
      if (!row) return row.error();
      staff.user_id = (*row)->Int(0);
      JIELI_RETURN_IF_ERROR(memberships.Add(
          I(staff.user_id), I(agency.units[static_cast<std::size_t>(staff.unit)].org_id),
          S(orgs::ToString(staff.role))));
      int index = static_cast<int>(city.staff.size());
      if (staff.role == Role::kSupervisor) agency.supervisors.push_back(index);
      if (staff.role == Role::kWorker) {
        agency.workers.push_back(index);
        city.workers.push_back(index);
      }
      city.staff.push_back(std::move(staff));
    }
  }
  JIELI_RETURN_IF_ERROR(memberships.Flush());
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  progress.Done(static_cast<std::int64_t>(city.staff.size()) + memberships.rows());
  return Ok();
}

// Lays each case out backwards from now: the stages it went through, with
// typical durations, and the time spent so far in the current one, chosen so
// that a share of every stage's deadline has passed.
void PlanCases(City& city, const Counts& counts, Random& random) {
  Progress progress("plan (in memory)");
  city.cases.reserve(static_cast<std::size_t>(counts.clients));
  static constexpr std::array<Profile, 10> kProfiles = {
      Profile::kElderly, Profile::kElderly,      Profile::kElderly, Profile::kChild,
      Profile::kChild,   Profile::kYouth,        Profile::kWoman,   Profile::kWoman,
      Profile::kMigrant, Profile::kDisabledAdult};
  for (std::int64_t i = 0; i < counts.clients; ++i) {
    PlannedCase c{};
    c.worker = city.workers[static_cast<std::size_t>(
        random.Below(static_cast<std::int64_t>(city.workers.size())))];
    c.co_worker = -1;
    const Agency& agency = city.agencies[static_cast<std::size_t>(
        city.staff[static_cast<std::size_t>(c.worker)].agency)];
    if (agency.workers.size() > 1 && random.Chance(10)) {
      int other = agency.workers[static_cast<std::size_t>(
          random.Below(static_cast<std::int64_t>(agency.workers.size())))];
      if (other != c.worker) c.co_worker = other;
    }
    c.profile = random.Pick(kProfiles);
    int group = std::min(static_cast<int>(c.profile), 4);
    c.problem = static_cast<std::uint8_t>(std::int64_t{group} * 6 + random.Below(6));

    // intake 10%, assessment 15%, planning 15%, intervention 35%, evaluation 10%, closed 15%
    std::int64_t roll = random.Below(100);
    c.stage = roll < 10   ? Stage::kIntake
              : roll < 25 ? Stage::kAssessment
              : roll < 40 ? Stage::kPlanning
              : roll < 75 ? Stage::kIntervention
              : roll < 85 ? Stage::kEvaluation
                          : Stage::kClosed;
    c.crisis = random.Below(1000) < 20;
    std::int64_t risk_roll = random.Below(100);
    c.risk = c.crisis         ? (random.Chance(50) ? RiskLevel::kCritical : RiskLevel::kHigh)
             : risk_roll < 45 ? RiskLevel::kLow
             : risk_roll < 80 ? RiskLevel::kMedium
             : risk_roll < 96 ? RiskLevel::kHigh
                              : RiskLevel::kCritical;

    // Durations of the stages passed, then the time in the current one.
    EpochMs in_intake = random.Between(1 * kDay, 6 * kDay);
    EpochMs in_assessment = random.Between(2 * kDay, 9 * kDay);
    EpochMs in_planning = random.Between(2 * kDay, 8 * kDay);
    c.plan_days = static_cast<int>(random.Between(60, 180));
    EpochMs in_intervention = (c.plan_days + random.Between(-10, 10)) * kDay + random.Below(kDay);
    EpochMs in_evaluation = random.Between(3 * kDay, 20 * kDay);
    EpochMs passed = 0;
    EpochMs current = 0;
    switch (c.stage) {
      case Stage::kIntake:
        current = random.Below(10 * kDay);
        break;
      case Stage::kAssessment:
        passed = in_intake;
        current = random.Below(4 * kDay);
        break;
      case Stage::kPlanning:
        passed = in_intake + in_assessment;
        current = random.Below(4 * kDay);
        break;
      case Stage::kIntervention:
        passed = in_intake + in_assessment + in_planning;
        current = random.Below((c.plan_days + 20) * kDay);
        break;
      case Stage::kEvaluation:
        passed = in_intake + in_assessment + in_planning + in_intervention;
        current = random.Below(20 * kDay);
        break;
      case Stage::kClosed: {
        passed = in_intake + in_assessment + in_planning + in_intervention + in_evaluation;
        EpochMs room = 730 * kDay - passed;  // opened within the last two years
        current = random.Below(std::max(room, 30 * kDay));
        break;
      }
    }
    c.opened_at = city.now - current - passed - 1;
    int stage = static_cast<int>(c.stage);
    if (stage >= 1) c.assessment_at = c.opened_at + in_intake;
    if (stage >= 2) c.planning_at = c.assessment_at + in_assessment;
    if (stage >= 3) c.intervention_at = c.planning_at + in_planning;
    if (stage >= 4) c.evaluation_at = c.intervention_at + in_intervention;
    if (stage >= 5) c.closed_at = c.evaluation_at + in_evaluation;
    c.stage_at = std::max({c.opened_at, c.assessment_at, c.planning_at, c.intervention_at,
                           c.evaluation_at, c.closed_at});
    // First contact: within hours for a crisis, else within two days; some
    // crisis cases still in intake have not been reached yet.
    if (stage >= 1 || random.Chance(50)) {
      EpochMs delay = c.crisis ? random.Between(kHour, 20 * kHour) : random.Below(2 * kDay);
      c.first_contact_at = std::min(c.opened_at + delay, city.now - 1);
    }
    if (c.stage == Stage::kClosed) {
      c.closure_reason = static_cast<std::uint8_t>(random.Below(kClosureReasons.size()));
    }
    c.approval_pending =
        (c.stage == Stage::kPlanning || c.stage == Stage::kEvaluation) && random.Chance(2);
    // Services: a few before the plan, more during intervention.
    switch (c.stage) {
      case Stage::kIntake:
        c.services = static_cast<int>(random.Below(2));
        break;
      case Stage::kAssessment:
        c.services = static_cast<int>(random.Below(3));
        break;
      case Stage::kPlanning:
        c.services = static_cast<int>(random.Between(1, 3));
        break;
      default:
        c.services = static_cast<int>(random.Between(4, 28));
        break;
    }
    city.cases.push_back(c);
  }
  // Bring the total of service records to exactly the target.
  std::int64_t total = 0;
  for (const auto& c : city.cases) total += c.services;
  while (total != counts.services && !city.cases.empty()) {
    auto& c = city.cases[static_cast<std::size_t>(
        random.Below(static_cast<std::int64_t>(city.cases.size())))];
    if (c.stage < Stage::kIntervention) continue;
    if (total < counts.services) {
      ++c.services;
      ++total;
    } else if (c.services > 1) {
      --c.services;
      --total;
    }
  }
  progress.Done(static_cast<std::int64_t>(city.cases.size()));
}

Status WriteClients(store::Db& db, City& city, const crypto::FieldCipher& cipher, Random& random) {
  Progress progress("clients + client_categories");
  auto tx = db.Begin();
  if (!tx) return tx.error();
  BulkInsert clients(**tx, "clients",
                     {"id",
                      "org_id",
                      "name",
                      "gender",
                      "birth_date",
                      "id_number_enc",
                      "id_number_index",
                      "phone_enc",
                      "phone_index",
                      "address",
                      "region_id",
                      "categories",
                      "disability_level",
                      "household",
                      "consents",
                      "risk_flags",
                      "has_risk",
                      "notes",
                      "created_by",
                      "created_at",
                      "updated_at"});
  BulkInsert categories(**tx, "client_categories", {"client_id", "category", "detail"});
  std::unordered_set<std::uint64_t> id_numbers;  // the first 17 digits, to keep them unique
  id_numbers.reserve(city.cases.size() * 2);
  for (std::size_t i = 0; i < city.cases.size(); ++i) {
    const PlannedCase& c = city.cases[i];
    std::int64_t id = static_cast<std::int64_t>(i) + 1;
    const Staff& worker = city.staff[static_cast<std::size_t>(c.worker)];
    const Agency& agency = city.agencies[static_cast<std::size_t>(worker.agency)];
    const Unit& unit = agency.units[static_cast<std::size_t>(worker.unit)];
    const District& district = city.districts[static_cast<std::size_t>(agency.district)];

    std::vector<Category> cats;
    std::int64_t level = 0;
    int age = 0;
    bool male = random.Chance(50);
    switch (c.profile) {
      case Profile::kElderly:
        age = static_cast<int>(random.Between(60, 95));
        cats = {Category::kElderly};
        if (random.Chance(25)) cats.push_back(Category::kLowIncome);
        if (random.Chance(15)) cats.push_back(Category::kLeftBehind);
        if (random.Chance(10)) {
          cats.push_back(Category::kDisabled);
          level = random.Between(1, 4);
        }
        break;
      case Profile::kChild:
        age = static_cast<int>(random.Between(4, 13));
        cats = {Category::kChild};
        if (random.Chance(30)) cats.push_back(Category::kLeftBehind);
        if (random.Chance(3)) cats.push_back(Category::kStreetChild);
        break;
      case Profile::kYouth:
        age = static_cast<int>(random.Between(14, 25));
        cats = {Category::kYouth};
        if (random.Chance(20)) cats.push_back(Category::kOutOfSchool);
        break;
      case Profile::kWoman:
        age = static_cast<int>(random.Between(22, 59));
        male = false;
        cats = {Category::kWomen};
        if (random.Chance(30)) cats.push_back(Category::kLowIncome);
        break;
      case Profile::kMigrant:
        age = static_cast<int>(random.Between(20, 55));
        cats = {Category::kMigrantWorker};
        if (!male && random.Chance(50)) cats.push_back(Category::kWomen);
        break;
      case Profile::kDisabledAdult:
        age = static_cast<int>(random.Between(26, 59));
        cats = {Category::kDisabled};
        level = random.Between(1, 4);
        if (random.Chance(40)) cats.push_back(Category::kLowIncome);
        break;
    }
    std::string name = PersonName(random, male);
    EpochMs created = c.opened_at - random.Below(3 * kDay);
    LocalDate birth{date::sys_days(city.today) -
                    date::days(age * 365 + age / 4 + random.Between(1, 360))};
    std::string birth_date = FormatDate(birth);

    // ID number: district code, birth date, sequence (odd for men), check digit.
    std::string first17;
    for (;;) {
      std::int64_t sequence = random.Below(500) * 2 + (male ? 1 : 0);
      first17 = "4201" + Padded(agency.district + 1, 2) + birth_date.substr(0, 4) +
                birth_date.substr(5, 2) + birth_date.substr(8, 2) + Padded(sequence, 3);
      if (id_numbers.insert(std::stoull(first17)).second) break;
    }
    std::string id_number = first17 + IdCheckDigit(first17);
    // Young children are reached through a guardian: no phone of their own.
    std::string phone = c.profile == Profile::kChild ? "" : Mobile(random);

    const Street& street =
        district
            .streets[static_cast<std::size_t>(unit.street >= 0 ? unit.street : random.Below(10))];
    auto community = static_cast<std::size_t>(random.Below(10));
    std::string address =
        "江城市" + district.name + street.name + street.community_names[community] +
        kCommunities[static_cast<std::size_t>(random.Below(10))] + "路 " +
        std::to_string(random.Between(1, 200)) + " 号 " + std::to_string(random.Between(1, 30)) +
        " 栋 " + std::to_string(random.Between(1, 18)) + "0" +
        std::to_string(random.Between(1, 4)) + " 室";

    std::string cat_text;
    for (Category cat : cats) {
      if (!cat_text.empty()) cat_text += ',';
      cat_text += clients::ToString(cat);
      JIELI_RETURN_IF_ERROR(categories.Add(
          I(id), S(clients::ToString(cat)),
          cat == Category::kDisabled && level > 0 ? Value(std::to_string(level)) : store::Null()));
    }
    // The JSON columns as ClientService writes them (nlohmann, keys sorted).
    std::string household = "[]";
    if (c.profile == Profile::kChild || random.Chance(20)) {
      Json member = {
          {"name", PersonName(random, random.Chance(50))},
          {"relation", c.profile == Profile::kChild     ? (random.Chance(40) ? "祖母" : "母亲")
                       : c.profile == Profile::kElderly ? "儿子"
                                                        : "配偶"},
          {"contact", Mobile(random)}};
      household = Json::array({member}).dump();
    }
    std::string consents = "[]";
    if (random.Chance(60)) {
      Json consent = {{"kind", "service"},
                      {"scope", "个案服务及服务记录"},
                      {"given_on", FormatDate(LocalDateOf(created))},
                      {"withdrawn_on", ""}};
      consents = Json::array({consent}).dump();
    }
    std::string risk_flags = "[]";
    bool risky = c.risk >= RiskLevel::kHigh ? random.Chance(70) : random.Chance(5);
    if (risky) {
      risk_flags = Json::array({c.profile == Profile::kElderly ? random.Pick(kElderlyRisks)
                                                               : random.Pick(kOtherRisks)})
                       .dump();
    }
    JIELI_RETURN_IF_ERROR(clients.Add(
        I(id), I(unit.org_id), std::move(name), S(male ? "male" : "female"), std::move(birth_date),
        store::Blob{cipher.Encrypt(id_number)}, cipher.BlindIndex(id_number),
        phone.empty() ? store::Null() : Value(store::Blob{cipher.Encrypt(phone)}),
        phone.empty() ? store::Null() : Value(cipher.BlindIndex(phone)), std::move(address),
        I(street.communities[community]), std::move(cat_text), OptI(level), std::move(household),
        std::move(consents), std::move(risk_flags), I(risky ? 1 : 0), S(""), I(worker.user_id),
        I(created), I(created)));
  }
  JIELI_RETURN_IF_ERROR(clients.Flush());
  JIELI_RETURN_IF_ERROR(categories.Flush());
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  progress.Done(clients.rows() + categories.rows());
  return Ok();
}

// Service records, in case order and by date within a case, so that the
// (case_id, service_date) index grows at its end. Dates fall between opening
// and now, or the start of evaluation for cases past intervention.
Status WriteServices(store::Db& db, City& city, Random& random) {
  Progress progress("case_services");
  auto tx = db.Begin();
  if (!tx) return tx.error();
  BulkInsert services(**tx, "case_services",
                      {"id", "case_id", "service_date", "minutes", "mode", "content", "technique",
                       "progress_note", "created_by", "created_at"});
  static constexpr std::array<const char*, 20> kModes = {
      "face_to_face", "face_to_face", "face_to_face", "face_to_face", "face_to_face",
      "face_to_face", "face_to_face", "home_visit",   "home_visit",   "home_visit",
      "home_visit",   "home_visit",   "phone",        "phone",        "phone",
      "phone",        "phone",        "online",       "online",       "group"};
  std::int64_t id = 0;
  std::vector<EpochMs> times;
  auto started = std::chrono::steady_clock::now();
  std::int64_t next_report = 2'000'000;
  for (std::size_t i = 0; i < city.cases.size(); ++i) {
    PlannedCase& c = city.cases[i];
    if (c.services == 0) continue;
    EpochMs begin = c.first_contact_at != 0 ? c.first_contact_at : c.opened_at;
    EpochMs end = c.evaluation_at != 0 ? c.evaluation_at : city.now - 1;
    times.clear();
    for (int k = 0; k < c.services; ++k)
      times.push_back(begin + random.Below(std::max<EpochMs>(end - begin, 1)));
    std::sort(times.begin(), times.end());
    c.last_service_at = times.back();
    for (EpochMs t : times) {
      const char* mode = random.Pick(kModes);
      bool phone = std::string_view(mode) == "phone";
      std::int64_t minutes = phone ? random.Between(2, 6) * 5 : random.Between(6, 24) * 5;
      int author = c.co_worker >= 0 && random.Chance(20) ? c.co_worker : c.worker;
      JIELI_RETURN_IF_ERROR(services.Add(
          I(++id), I(static_cast<std::int64_t>(i) + 1), FormatDate(LocalDateOf(t)), I(minutes),
          S(mode), S(random.Pick(kServiceContents)), S(random.Pick(kTechniques)),
          random.Chance(70) ? S(random.Pick(kProgressNotes)) : S(""),
          I(city.staff[static_cast<std::size_t>(author)].user_id), I(t)));
    }
    if (id >= next_report) {
      std::printf("    … %s service records, %.0f s\n", Thousands(id).c_str(),
                  SecondsSince(started));
      std::fflush(stdout);
      next_report += 2'000'000;
    }
  }
  JIELI_RETURN_IF_ERROR(services.Flush());
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  progress.Done(services.rows());
  return Ok();
}

Status WriteCases(store::Db& db, const City& city) {
  Progress progress("cases");
  auto tx = db.Begin();
  if (!tx) return tx.error();
  BulkInsert rows(
      **tx, "cases",
      {"id",           "org_id",           "client_id",         "stage",           "risk",
       "crisis",       "problem",          "primary_worker_id", "co_worker_id",    "supervisor_id",
       "opened_at",    "assessment_at",    "planning_at",       "intervention_at", "evaluation_at",
       "closed_at",    "first_contact_at", "plan_end",          "due_at",          "closure_reason",
       "reopen_count", "service_count",    "version",           "created_by",      "created_at",
       "updated_at"});
  const cases::DeadlinePolicy kPolicy;  // the defaults: no agency sets its own here
  for (std::size_t i = 0; i < city.cases.size(); ++i) {
    const PlannedCase& c = city.cases[i];
    std::int64_t id = static_cast<std::int64_t>(i) + 1;
    const Staff& worker = city.staff[static_cast<std::size_t>(c.worker)];
    const Agency& agency = city.agencies[static_cast<std::size_t>(worker.agency)];
    auto opt = [](EpochMs t) {
      return t == 0 ? std::optional<EpochMs>() : std::optional<EpochMs>(t);
    };
    cases::DeadlineFacts facts;
    facts.opened_at = c.opened_at;
    facts.assessment_at = opt(c.assessment_at);
    facts.planning_at = opt(c.planning_at);
    facts.intervention_at = opt(c.intervention_at);
    facts.evaluation_at = opt(c.evaluation_at);
    facts.crisis = c.crisis;
    facts.first_contact_at = opt(c.first_contact_at);
    Value plan_end = store::Null();
    if (c.intervention_at != 0) {
      LocalDate end = AddDays(LocalDateOf(c.intervention_at), c.plan_days);
      facts.plan_end = end;
      plan_end = FormatDate(end);
    }
    auto due = cases::CurrentDeadline(c.stage, facts, kPolicy);
    std::int64_t supervisor = city.staff[static_cast<std::size_t>(worker.supervisor)].user_id;
    JIELI_RETURN_IF_ERROR(
        rows.Add(I(id), I(agency.units[static_cast<std::size_t>(worker.unit)].org_id), I(id),
                 S(cases::ToString(c.stage)), S(cases::ToString(c.risk)), I(c.crisis ? 1 : 0),
                 S(kProblems[c.problem]), I(worker.user_id),
                 c.co_worker >= 0 ? I(city.staff[static_cast<std::size_t>(c.co_worker)].user_id)
                                  : store::Null(),
                 I(supervisor), I(c.opened_at), OptI(c.assessment_at), OptI(c.planning_at),
                 OptI(c.intervention_at), OptI(c.evaluation_at), OptI(c.closed_at),
                 OptI(c.first_contact_at), std::move(plan_end), due ? I(*due) : store::Null(),
                 c.stage == Stage::kClosed ? S(kClosureReasons[c.closure_reason]) : store::Null(),
                 I(0), I(c.services), I(1), I(worker.user_id), I(c.opened_at),
                 I(std::max(c.stage_at, c.last_service_at))));
  }
  JIELI_RETURN_IF_ERROR(rows.Flush());
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  progress.Done(rows.rows());
  return Ok();
}

// The intake form of every case (the later forms are left to the web app).
Status WriteIntakeForms(store::Db& db, const City& city, Random& random) {
  Progress progress("case_forms (intake)");
  auto tx = db.Begin();
  if (!tx) return tx.error();
  BulkInsert forms(**tx, "case_forms", {"case_id", "stage", "data", "updated_by", "updated_at"});
  static constexpr std::array<const char*, 10> kSources = {
      "walk_in",     "walk_in",     "walk_in",  "hotline",  "hotline",
      "referral_in", "referral_in", "outreach", "outreach", "assigned"};
  for (std::size_t i = 0; i < city.cases.size(); ++i) {
    const PlannedCase& c = city.cases[i];
    Json data = {{"source", random.Pick(kSources)},
                 {"presenting_problem", kProblems[c.problem]},
                 {"urgency", c.crisis            ? "crisis"
                             : random.Chance(10) ? "urgent"
                                                 : "normal"},
                 {"decision", "accept"}};
    EpochMs saved = c.assessment_at != 0 ? c.assessment_at : c.opened_at;
    JIELI_RETURN_IF_ERROR(forms.Add(I(static_cast<std::int64_t>(i) + 1), S("intake"), data.dump(),
                                    I(city.staff[static_cast<std::size_t>(c.worker)].user_id),
                                    I(saved)));
  }
  JIELI_RETURN_IF_ERROR(forms.Flush());
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  progress.Done(forms.rows());
  return Ok();
}

// Pending supervisor approvals (plans and closures) and the follow-ups of
// closed cases: those already due are mostly done.
Status WriteApprovalsAndFollowUps(store::Db& db, const City& city, Random& random) {
  Progress progress("case_approvals + case_followups");
  auto tx = db.Begin();
  if (!tx) return tx.error();
  BulkInsert approvals(**tx, "case_approvals",
                       {"case_id", "org_id", "from_stage", "to_stage", "status", "requested_by",
                        "requested_at", "comment"});
  BulkInsert followups(**tx, "case_followups",
                       {"case_id", "due_on", "due_at", "status", "done_at", "done_by", "note"});
  for (std::size_t i = 0; i < city.cases.size(); ++i) {
    const PlannedCase& c = city.cases[i];
    std::int64_t id = static_cast<std::int64_t>(i) + 1;
    const Staff& worker = city.staff[static_cast<std::size_t>(c.worker)];
    std::int64_t org_id = city.agencies[static_cast<std::size_t>(worker.agency)]
                              .units[static_cast<std::size_t>(worker.unit)]
                              .org_id;
    if (c.approval_pending) {
      bool planning = c.stage == Stage::kPlanning;
      EpochMs requested = c.stage_at + random.Below(std::max<EpochMs>(city.now - c.stage_at, 1));
      JIELI_RETURN_IF_ERROR(approvals.Add(I(id), I(org_id), S(planning ? "planning" : "evaluation"),
                                          S(planning ? "intervention" : "closed"), S("pending"),
                                          I(worker.user_id), I(requested), S("")));
    }
    // As the case service does it: no follow-ups after the client's death.
    if (c.stage != Stage::kClosed ||
        std::string_view(kClosureReasons[c.closure_reason]) == "deceased") {
      continue;
    }
    for (LocalDate day : cases::FollowUpDates(LocalDateOf(c.closed_at))) {
      EpochMs due_at = StartOfLocalDay(AddDays(day, 1)) - 1;  // by the end of that day
      bool done = due_at < city.now && random.Chance(85);
      EpochMs done_at =
          std::min(StartOfLocalDay(day) + random.Between(-2 * kDay, 3 * kDay), city.now - 1);
      JIELI_RETURN_IF_ERROR(
          followups.Add(I(id), FormatDate(day), I(due_at), S(done ? "done" : "due"),
                        done ? I(done_at) : store::Null(), done ? I(worker.user_id) : store::Null(),
                        done ? S(random.Pick(kFollowUpNotes)) : S("")));
    }
  }
  JIELI_RETURN_IF_ERROR(approvals.Flush());
  JIELI_RETURN_IF_ERROR(followups.Flush());
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  progress.Done(approvals.rows() + followups.rows());
  return Ok();
}

// --- bulk-load mode ----------------------------------------------------------------

constexpr const char* kBulkTables =
    "('clients', 'client_categories', 'cases', 'case_forms', 'case_approvals', 'case_services', "
    "'case_followups')";

// What is derived from the rows of the big tables: their secondary indexes
// and the triggers that keep the FTS5 trigram tables in step
// (modules/cases/search_schema.hpp).
struct Derived {
  std::string type;  // "index" or "trigger"
  std::string name;
  std::string sql;
};

// Drops the derived objects of the big tables and returns their SQL: an index
// built once over sorted keys, and a trigram table rebuilt in one pass, are
// much faster than growing them row by row.
Result<std::vector<Derived>> DropDerived(store::Db& db) {
  if (db.backend() == store::Backend::kPostgres) {
    // Not the indexes behind primary keys and unique constraints.
    auto rows = db.Query(std::string("SELECT 'index', indexname, indexdef FROM pg_indexes WHERE "
                                     "schemaname = current_schema() AND tablename IN ") +
                         kBulkTables +
                         " AND indexname NOT IN (SELECT conname FROM pg_constraint) "
                         "ORDER BY indexname");
    if (!rows) return rows.error();
    std::vector<Derived> saved;
    for (const auto& row : *rows) {
      saved.push_back({row.Text(0), row.Text(1), row.Text(2)});
      auto dropped = db.Execute("DROP INDEX " + row.Text(1));
      if (!dropped) return dropped.error();
    }
    return saved;
  }
  auto rows = db.Query(std::string("SELECT type, name, sql FROM sqlite_master WHERE type IN "
                                   "('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ") +
                       kBulkTables + " ORDER BY rowid");
  if (!rows) return rows.error();
  std::vector<Derived> saved;
  for (const auto& row : *rows) {
    saved.push_back({row.Text(0), row.Text(1), row.Text(2)});
    auto dropped =
        db.Execute((row.Text(0) == "index" ? "DROP INDEX " : "DROP TRIGGER ") + row.Text(1));
    if (!dropped) return dropped.error();
  }
  return saved;
}

// Recreates what DropDerived dropped, from its own SQL text (so the schema
// ends identical), and rebuilds every FTS5 table from its content table.
Status RebuildDerived(store::Db& db, const std::vector<Derived>& saved) {
  auto all = std::chrono::steady_clock::now();
  auto timed = [](const std::string& what, const std::function<Status()>& work) -> Status {
    auto started = std::chrono::steady_clock::now();
    JIELI_RETURN_IF_ERROR(work());
    std::printf("    %-36s %6.1f s\n", what.c_str(), SecondsSince(started));
    std::fflush(stdout);
    return Ok();
  };
  for (const auto& object : saved) {
    JIELI_RETURN_IF_ERROR(
        timed(object.type + " " + object.name, [&] { return db.ExecuteScript(object.sql); }));
  }
  if (db.backend() == store::Backend::kPostgres) {
    std::printf("  %-34s %12zu      %8.1f s\n", "indexes rebuilt", saved.size(), SecondsSince(all));
    return Ok();
  }
  auto fts = db.Query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL "
      "TABLE%USING "
      "fts5%' ORDER BY rowid");
  if (!fts) return fts.error();
  for (const auto& row : *fts) {
    std::string table = row.Text(0);
    JIELI_RETURN_IF_ERROR(timed("fts5 " + table, [&]() -> Status {
      std::string sql = "INSERT INTO " + table;
      sql += " (" + table + ") VALUES ('rebuild')";
      auto rebuilt = db.Execute(sql);
      if (!rebuilt) return rebuilt.error();
      return Ok();
    }));
  }
  std::printf("  %-34s %12zu      %8.1f s\n", "indexes, triggers, fts5 rebuilt",
              saved.size() + fts->size(), SecondsSince(all));
  return Ok();
}

// The pool holds one connection (DbOptions.pool_size = 1), so these
// per-connection settings apply to every statement that follows.
Status EnterBulkMode(store::Db& db) {
  if (db.backend() == store::Backend::kPostgres) {
    auto unsynced = db.Execute("SET synchronous_commit = off");
    if (!unsynced) return unsynced.error();
    // Foreign keys are checked by triggers; a superuser may skip them while
    // loading rows that are consistent by construction. Others load checked.
    (void)db.Execute("SET session_replication_role = replica");
    return Ok();
  }
  for (const char* pragma :
       {"PRAGMA foreign_keys = OFF", "PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF",
        "PRAGMA cache_size = -1048576", "PRAGMA temp_store = MEMORY"}) {
    auto done = db.Query(pragma);
    if (!done) return done.error();
  }
  return Ok();
}

Status LeaveBulkMode(store::Db& db) {
  if (db.backend() == store::Backend::kPostgres) {
    (void)db.Execute("SET session_replication_role = DEFAULT");
    // The ids were written explicitly: move each table's sequence past them.
    auto serials = db.Query(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND column_name = 'id' AND column_default LIKE 'nextval%'");
    if (!serials) return serials.error();
    for (const auto& row : *serials) {
      const std::string table = row.Text(0);
      auto moved =
          db.Query("SELECT setval(pg_get_serial_sequence('" + table +
                   "', 'id'), COALESCE((SELECT MAX(id) FROM " + table + "), 0) + 1, false)");
      if (!moved) return moved.error();
    }
    auto started = std::chrono::steady_clock::now();
    JIELI_RETURN_IF_ERROR(db.ExecuteScript("ANALYZE"));
    std::printf("  %-34s %12s      %8.1f s\n", "analyze", "", SecondsSince(started));
    return Ok();
  }
  for (const char* pragma :
       {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON"}) {
    auto done = db.Query(pragma);
    if (!done) return done.error();
  }
  auto mode = db.QueryOne("PRAGMA journal_mode");
  if (!mode) return mode.error();
  if (!*mode || (*mode)->Text(0) != "wal") return InternalError("could not switch back to WAL");
  return Ok();
}

// --- what the wrk scripts need -------------------------------------------------------

Result<Json> Targets(store::Db& db, const City& city) {
  // A worker of the first agency who belongs to the agency itself (so sees all
  // of its units) and has cases in intervention.
  const Agency& agency = city.agencies.front();
  const Staff* chosen = nullptr;
  for (int index : agency.workers) {
    const Staff& staff = city.staff[static_cast<std::size_t>(index)];
    if (staff.unit != 0) continue;
    auto open = db.QueryOne(
        "SELECT COUNT(*) FROM cases WHERE primary_worker_id = ? AND stage = 'intervention'",
        {I(staff.user_id)});
    if (!open) return open.error();
    if ((*open)->Int(0) >= 5) {
      chosen = &staff;
      break;
    }
  }
  if (chosen == nullptr) return InternalError("no worker with cases in intervention");
  std::vector<Value> scope;
  for (const auto& unit : agency.units) scope.push_back(I(unit.org_id));
  std::string in = "(?";
  for (std::size_t i = 1; i < scope.size(); ++i) in += ", ?";
  in += ")";

  Json targets;
  targets["worker"] = chosen->username;
  targets["worker_id"] = chosen->user_id;
  targets["password"] = kPassword;
  targets["agency"] = agency.name;
  targets["agency_id"] = agency.id;
  auto ids = [&](const std::string& sql) -> Result<Json> {
    auto rows = db.Query(sql, {I(chosen->user_id)});
    if (!rows) return rows.error();
    Json list = Json::array();
    for (const auto& row : *rows) list.push_back(row.Int(0));
    return list;
  };
  auto own = ids("SELECT id FROM cases WHERE primary_worker_id = ? ORDER BY id LIMIT 100");
  if (!own) return own.error();
  targets["case_ids"] = *own;
  // Service records are dated five days back, on the worker's open cases
  // opened before that day, those in intervention first: spread over many
  // cases, concurrent adds rarely meet on one case (which answers 409 cases.changed).
  LocalDate service_day = AddDays(city.today, -5);
  targets["service_date"] = FormatDate(service_day);
  auto open_cases = db.Query(
      "SELECT id FROM cases WHERE primary_worker_id = ? AND stage <> 'closed' AND opened_at < ? "
      "ORDER BY stage <> 'intervention', id LIMIT 100",
      {I(chosen->user_id), I(StartOfLocalDay(service_day))});
  if (!open_cases) return open_cases.error();
  targets["service_case_ids"] = Json::array();
  for (const auto& row : *open_cases) targets["service_case_ids"].push_back(row.Int(0));
  auto cases_in_scope = db.QueryOne("SELECT COUNT(*) FROM cases WHERE org_id IN " + in, scope);
  if (!cases_in_scope) return cases_in_scope.error();
  targets["cases_in_scope"] = (*cases_in_scope)->Int(0);
  auto mine =
      db.QueryOne("SELECT COUNT(*) FROM cases WHERE primary_worker_id = ?", {I(chosen->user_id)});
  if (!mine) return mine.error();
  targets["worker_cases"] = (*mine)->Int(0);

  // Name fragments as people type them: surname + first given character
  // (each a CJK character, 3 bytes in UTF-8), a few full names, one surname.
  auto names =
      db.Query("SELECT name FROM clients WHERE org_id IN " + in + " ORDER BY id LIMIT 40", scope);
  if (!names) return names.error();
  std::vector<std::string> fragments;
  auto add_fragment = [&](const std::string& fragment) {
    if (std::find(fragments.begin(), fragments.end(), fragment) == fragments.end()) {
      fragments.push_back(fragment);
    }
  };
  for (const auto& row : *names) {
    std::string name = row.Text(0);
    if (fragments.size() < 12) add_fragment(name.substr(0, 6));
  }
  for (std::size_t i = 0; i < 3 && i < names->size(); ++i) add_fragment((*names)[i].Text(0));
  add_fragment("王");
  Json search = Json::array();
  for (const auto& fragment : fragments) {
    std::vector<Value> params = scope;
    params.emplace_back(fragment);
    const std::string contains = db.backend() == store::Backend::kPostgres
                                     ? " AND strpos(name, ?) > 0"
                                     : " AND instr(name, ?) > 0";
    auto matched =
        db.QueryOne("SELECT COUNT(*) FROM clients WHERE org_id IN " + in + contains, params);
    if (!matched) return matched.error();
    search.push_back({{"q", fragment}, {"matches", (*matched)->Int(0)}});
  }
  targets["search"] = search;
  auto clients_in_scope = db.QueryOne("SELECT COUNT(*) FROM clients WHERE org_id IN " + in, scope);
  if (!clients_in_scope) return clients_in_scope.error();
  targets["clients_in_scope"] = (*clients_in_scope)->Int(0);
  return targets;
}

Result<Json> TableCounts(store::Db& db) {
  Json counts = Json::object();
  for (const char* table :
       {"regions", "organizations", "users", "memberships", "clients", "client_categories", "cases",
        "case_forms", "case_services", "case_approvals", "case_followups"}) {
    auto row = db.QueryOne(std::string("SELECT COUNT(*) FROM ") + table);
    if (!row) return row.error();
    counts[table] = (*row)->Int(0);
  }
  return counts;
}

// --- main --------------------------------------------------------------------------

Counts Scaled(double scale) {
  auto times = [scale](double n, std::int64_t minimum) {
    return std::max(minimum, static_cast<std::int64_t>(std::llround(n * scale)));
  };
  return {times(200, 1), times(10'000, 3), times(1'000'000, 10), times(10'000'000, 100)};
}

Status Generate(const Options& options) {
  auto total_start = std::chrono::steady_clock::now();
  const bool sqlite = options.db_url.starts_with("sqlite:");
  // What the messages and targets call the database: its file, or its URL
  // without the password.
  std::string path = sqlite ? options.db_url.substr(7) : options.db_url;
  if (!sqlite) {
    auto at = path.find('@');
    auto scheme = path.find("://");
    if (at != std::string::npos && scheme != std::string::npos) {
      auto colon = path.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) path.erase(colon, at - colon);
    }
  }
  std::error_code ignored;
  if (sqlite && std::filesystem::exists(path) && std::filesystem::file_size(path, ignored) > 0) {
    return Error(ErrorKind::kConflict, "citygen.not_empty", path + " exists and is not empty");
  }
  City city;
  if (options.today.empty()) {
    city.today = LocalDateOf(SystemClock().Now());
  } else {
    auto today = ParseDate(options.today);
    if (!today) return today.error();
    city.today = *today;
  }
  city.now = StartOfLocalDay(city.today);
  Counts counts = Scaled(options.scale);
  std::printf("jieli_citygen: scale %g, seed %llu, as of %s 00:00 Asia/Shanghai → %s\n",
              options.scale, static_cast<unsigned long long>(options.seed),
              FormatDate(city.today).c_str(), path.c_str());

  // The same App as `jieli init`: key file created when absent, migrations run.
  app::AppConfig config;
  config.db_url = options.db_url;
  config.key_file = options.key_file;
  config.db_pool_size = 1;
  SystemClock clock;
  auto app = app::App::Open(config, clock, true);
  if (!app) return app.error();
  store::Db& db = (*app)->db();
  if (!sqlite) {
    auto users = db.QueryOne("SELECT COUNT(*) FROM users");
    if (!users) return users.error();
    if ((*users)->Int(0) > 0) {
      return Error(ErrorKind::kConflict, "citygen.not_empty", path + " already holds data");
    }
  }
  auto seeded = app::SeedInitial((*app)->services(), "江城市民政局", kPassword);
  if (!seeded) return seeded.error();
  auto bureau = db.QueryOne("SELECT id FROM organizations WHERE kind = 'bureau'");
  if (!bureau) return bureau.error();
  city.bureau_id = (*bureau)->Int(0);

  JIELI_RETURN_IF_ERROR(EnterBulkMode(db));
  auto derived = DropDerived(db);
  if (!derived) return derived.error();

  // One stream per phase, so a change in one phase leaves the others' data alone.
  auto stream = [&](std::uint64_t phase) { return Random(options.seed * 1000003 + phase); };
  Random orgs_random = stream(1), staff_random = stream(2), plan_random = stream(3),
         clients_random = stream(4), services_random = stream(5), forms_random = stream(7),
         followups_random = stream(8);
  JIELI_RETURN_IF_ERROR(WriteRegions(db, city));
  JIELI_RETURN_IF_ERROR(WriteOrganizations(db, city, counts, orgs_random));
  JIELI_RETURN_IF_ERROR(WriteStaff(db, city, counts, staff_random));
  PlanCases(city, counts, plan_random);
  JIELI_RETURN_IF_ERROR(WriteClients(db, city, (*app)->services().cipher, clients_random));
  JIELI_RETURN_IF_ERROR(WriteServices(db, city, services_random));
  JIELI_RETURN_IF_ERROR(WriteCases(db, city));
  JIELI_RETURN_IF_ERROR(WriteIntakeForms(db, city, forms_random));
  JIELI_RETURN_IF_ERROR(WriteApprovalsAndFollowUps(db, city, followups_random));
  JIELI_RETURN_IF_ERROR(RebuildDerived(db, *derived));
  {
    // The rows above were written directly: the case rollup is computed from them.
    Progress progress("case rollup");
    JIELI_ASSIGN_OR_RETURN(auto rebuilt, cases::RebuildRollup(db));
    progress.Done(rebuilt.state_rows + rebuilt.day_rows + rebuilt.service_rows);
  }
  JIELI_RETURN_IF_ERROR(LeaveBulkMode(db));

  auto table_counts = TableCounts(db);
  if (!table_counts) return table_counts.error();
  auto targets = Targets(db, city);
  if (!targets) return targets.error();
  (*targets)["counts"] = *table_counts;
  (*targets)["db"] = path;
  (*targets)["key_file"] = options.key_file;
  (*targets)["as_of"] = FormatDate(city.today);
  app->reset();  // closes the store: the WAL is checkpointed into the file

  double seconds = SecondsSince(total_start);
  std::uintmax_t bytes = 0;
  if (sqlite) {
    bytes = std::filesystem::file_size(path, ignored);
  } else {
    auto reopened = store::Db::Open(options.db_url);
    if (!reopened) return reopened.error();
    auto size = (*reopened)->QueryOne("SELECT pg_database_size(current_database())");
    if (!size) return size.error();
    bytes = static_cast<std::uintmax_t>((*size)->Int(0));
  }
  (*targets)["generation_seconds"] = std::llround(seconds);
  (*targets)["db_bytes"] = bytes;
  std::ofstream(options.targets_path) << targets->dump(2) << "\n";

  std::printf("counts (SELECT COUNT(*)):");
  for (auto& [table, n] : table_counts->items()) {
    std::printf(" %s %s;", table.c_str(), Thousands(n.get<std::int64_t>()).c_str());
  }
  std::printf(
      "\nbenchmark worker: %s (%s), agency %s (id %lld): %lld own cases, %lld cases and "
      "%lld clients in scope; password %s\n",
      (*targets)["worker"].get<std::string>().c_str(),
      std::to_string((*targets)["worker_id"].get<std::int64_t>()).c_str(),
      (*targets)["agency"].get<std::string>().c_str(),
      static_cast<long long>(city.agencies.front().id),
      static_cast<long long>((*targets)["worker_cases"].get<std::int64_t>()),
      static_cast<long long>((*targets)["cases_in_scope"].get<std::int64_t>()),
      static_cast<long long>((*targets)["clients_in_scope"].get<std::int64_t>()), kPassword);
  std::printf("targets: %s\n", options.targets_path.c_str());
  std::printf("total %.1f s, database %.2f GB (%s bytes)\n", seconds,
              static_cast<double>(bytes) / 1e9,
              Thousands(static_cast<std::int64_t>(bytes)).c_str());
  return Ok();
}

}  // namespace
}  // namespace jieli::citygen

// A benchmark tool: an exception from the libraries ends it with its message.
int main(int argc, char** argv) {  // NOLINT(bugprone-exception-escape)
  using jieli::citygen::Options;
  CLI::App cli{"jieli_citygen — the city-scale benchmark data set (bench/city)", "jieli_citygen"};
  Options options;
  cli.add_option("--db", options.db_url,
                 "New SQLite database (sqlite:PATH) or empty PostgreSQL database (postgresql://…)")
      ->required();
  cli.add_option("--key-file", options.key_file,
                 "Field key; created as `jieli init` does when absent")
      ->required();
  cli.add_option("--scale", options.scale, "Multiplies every count (0.01 for a quick run)")
      ->capture_default_str()
      ->check(CLI::Range(0.0001, 10.0));
  cli.add_option("--seed", options.seed, "Random seed")->capture_default_str();
  cli.add_option("--today", options.today, "YYYY-MM-DD the data is as of (default: today)");
  cli.add_option("--targets", options.targets_path,
                 "Where to write the facts for the wrk scripts (default: next to the database)");
  CLI11_PARSE(cli, argc, argv);
  if (options.targets_path.empty() && options.db_url.starts_with("sqlite:")) {
    std::filesystem::path db_path(options.db_url.substr(7));
    options.targets_path =
        (db_path.parent_path() / (db_path.stem().string() + ".targets.json")).string();
  } else if (options.targets_path.empty()) {
    std::cerr << "jieli_citygen: --targets is required for PostgreSQL\n";
    return 2;
  }
  auto status = jieli::citygen::Generate(options);
  if (!status) {
    std::cerr << "jieli_citygen: " << status.error().code() << " " << status.error().log_detail()
              << "\n";
    for (const auto& issue : status.error().details()) {
      std::cerr << "  " << issue.field << ": " << issue.code << "\n";
    }
    return 1;
  }
  return 0;
}
