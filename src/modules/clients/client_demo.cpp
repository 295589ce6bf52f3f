#include "modules/clients/client_demo.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/local_time.hpp"
#include "modules/clients/client_rules.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/services.hpp"

namespace jieli::clients {
namespace {

// SplitMix64: tiny, and the same sequence on every platform (unlike <random>'s distributions).
class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
  int Between(int low, int high) { return low + Below(high - low + 1); }
  bool Chance(int percent) { return Below(100) < percent; }
  template <class T, std::size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[static_cast<std::size_t>(Below(static_cast<int>(N)))];
  }

 private:
  std::uint64_t state_;
};

constexpr std::array<const char*, 30> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
    "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"};
constexpr std::array<const char*, 24> kMaleNames = {
    "伟",   "强",   "磊",   "军",   "勇",   "杰",   "涛",   "明",   "超",   "刚",   "建国", "国强",
    "志明", "海波", "俊杰", "浩然", "子轩", "宇航", "文博", "德华", "建华", "振华", "永福", "长顺"};
constexpr std::array<const char*, 24> kFemaleNames = {
    "芳",   "娜",   "敏",   "静",   "丽",   "艳",   "秀英", "桂英", "秀兰", "玉兰", "淑珍", "丽娟",
    "春梅", "晓燕", "婷婷", "雨涵", "欣怡", "梓涵", "思雨", "佳怡", "凤英", "翠花", "美玲", "海燕"};
constexpr std::array<const char*, 14> kMobilePrefixes = {"138", "139", "135", "136", "137",
                                                         "150", "151", "158", "159", "186",
                                                         "187", "188", "177", "199"};

enum class Profile { kElderly, kChild, kYouth, kWoman, kMigrant, kDisabledAdult };

struct DemoOrg {
  const char* name;
  int share;  // of every 60 clients
  bool east;  // 东湖区 东亭社区, else 西山区 翠苑社区
};
constexpr std::array<DemoOrg, 5> kOrgs = {{
    {"个案服务部", 22, true},
    {"水果湖街道社工站", 16, true},
    {"江城市阳光社会工作服务中心", 6, true},
    {"社区发展部", 6, true},
    {"西山区启航社会工作服务社", 10, false},
}};

std::string CheckDigit(const std::string& first17) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                   3, 7, 9,  10, 5, 8, 4, 2};
  static constexpr std::string_view kChecks = "10X98765432";
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
  return std::string(1, kChecks[static_cast<std::size_t>(sum % 11)]);
}

std::string Mobile(DemoRandom& random) {
  std::string phone = random.Pick(kMobilePrefixes);
  for (int i = 0; i < 8; ++i) phone += static_cast<char>('0' + random.Below(10));
  return phone;
}

ClientInput MakeClient(DemoRandom& random, LocalDate today, bool east, std::set<std::string>& ids) {
  ClientInput c;
  static constexpr std::array<Profile, 10> kProfiles = {
      Profile::kElderly, Profile::kElderly,      Profile::kElderly, Profile::kChild,
      Profile::kChild,   Profile::kYouth,        Profile::kWoman,   Profile::kWoman,
      Profile::kMigrant, Profile::kDisabledAdult};
  Profile profile = random.Pick(kProfiles);
  int age = 0;
  bool male = random.Chance(50);
  switch (profile) {
    case Profile::kElderly:
      age = random.Between(60, 92);
      c.categories = {Category::kElderly};
      if (random.Chance(25)) c.categories.push_back(Category::kLowIncome);
      if (random.Chance(15)) c.categories.push_back(Category::kLeftBehind);
      if (random.Chance(10)) {
        c.categories.push_back(Category::kDisabled);
        c.disability_level = random.Between(1, 4);
      }
      break;
    case Profile::kChild:
      age = random.Between(4, 13);
      c.categories = {Category::kChild};
      if (random.Chance(30)) c.categories.push_back(Category::kLeftBehind);
      if (random.Chance(5)) c.categories.push_back(Category::kStreetChild);
      break;
    case Profile::kYouth:
      age = random.Between(14, 25);
      c.categories = {Category::kYouth};
      if (random.Chance(20)) c.categories.push_back(Category::kOutOfSchool);
      break;
    case Profile::kWoman:
      age = random.Between(26, 59);
      male = false;
      c.categories = {Category::kWomen};
      if (random.Chance(30)) c.categories.push_back(Category::kLowIncome);
      break;
    case Profile::kMigrant:
      age = random.Between(20, 55);
      c.categories = {Category::kMigrantWorker};
      if (!male && random.Chance(50)) c.categories.push_back(Category::kWomen);
      break;
    case Profile::kDisabledAdult:
      age = random.Between(26, 59);
      c.categories = {Category::kDisabled};
      c.disability_level = random.Between(1, 4);
      if (random.Chance(40)) c.categories.push_back(Category::kLowIncome);
      break;
  }
  std::string surname = random.Pick(kSurnames);
  c.name = surname + (male ? random.Pick(kMaleNames) : random.Pick(kFemaleNames));
  c.gender = male ? Gender::kMale : Gender::kFemale;

  // A birthday age years (and some days) ago.
  date::sys_days birth_day =
      date::sys_days(today) - date::days(age * 365 + age / 4 + random.Between(1, 360));
  LocalDate birth(birth_day);
  c.birth_date = FormatDate(birth);
  std::string compact =
      c.birth_date.substr(0, 4) + c.birth_date.substr(5, 2) + c.birth_date.substr(8, 2);
  do {
    // The 17th digit is odd for men, even for women.
    int sequence = random.Between(0, 49) * 20 + random.Between(0, 4) * 2 + (male ? 1 : 0);
    std::string seq = std::to_string(sequence);
    while (seq.size() < 3) seq = "0" + seq;
    std::string first17 = std::string(east ? "420106" : "420107") + compact + seq;
    c.id_number = first17 + CheckDigit(first17);
  } while (!ids.insert(c.id_number).second);
  // Young children are reached through a guardian: no phone of their own.
  if (profile != Profile::kChild) c.phone = Mobile(random);

  int building = random.Between(1, 28);
  c.address =
      east ? "江城市东湖区水果湖街道东亭社区东亭路 " + std::to_string(random.Between(1, 120)) +
                 " 号 " + std::to_string(building) + " 栋 " + std::to_string(random.Between(1, 6)) +
                 "0" + std::to_string(random.Between(1, 4)) + " 室"
           : "江城市西山区西山街道翠苑社区翠苑路 " + std::to_string(random.Between(1, 80)) +
                 " 号 " + std::to_string(building) + " 栋 " + std::to_string(random.Between(1, 6)) +
                 "0" + std::to_string(random.Between(1, 4)) + " 室";

  if (profile == Profile::kChild || random.Chance(15)) {
    if (profile == Profile::kChild) {
      bool grandparent = random.Chance(40);
      c.household.push_back({surname + random.Pick(grandparent ? kFemaleNames : kMaleNames),
                             grandparent ? "祖母" : "父亲", Mobile(random)});
    } else if (profile == Profile::kElderly) {
      c.household.push_back({surname + random.Pick(kMaleNames), "儿子", Mobile(random)});
    } else {
      c.household.push_back({random.Pick(kSurnames) + std::string(random.Pick(kFemaleNames)),
                             "配偶", Mobile(random)});
    }
  }
  if (random.Chance(35)) {
    LocalDate given = AddDays(today, -random.Between(10, 300));
    c.consents.push_back({"service", "个案服务及服务记录", FormatDate(given), ""});
    if (random.Chance(20)) {
      c.consents.push_back({"data_sharing", "转介时向合作机构提供必要信息", FormatDate(given), ""});
    }
  }
  if (random.Chance(12)) {
    static constexpr std::array<const char*, 6> kElderlyRisks = {"独居",     "高龄独居", "慢性病",
                                                                 "跌倒风险", "认知障碍", "失能"};
    static constexpr std::array<const char*, 6> kOtherRisks = {"家庭暴力", "自伤风险", "欠薪纠纷",
                                                               "辍学风险", "监护缺失", "经济困难"};
    c.risk_flags.emplace_back(profile == Profile::kElderly ? random.Pick(kElderlyRisks)
                                                           : random.Pick(kOtherRisks));
  }
  if (random.Chance(20)) {
    static constexpr std::array<const char*, 5> kNotes = {
        "社区网格员转介，需定期电话回访。", "家属希望周末上门。", "听力较弱，沟通时请放慢语速。",
        "曾参加社区小组活动。", "需协助申请临时救助。"};
    c.notes = random.Pick(kNotes);
  }
  return c;
}

}  // namespace

Status SeedDemoClients(modules::Services& s, int count) {
  auth::Actor system = auth::Actor::System(s.db);
  std::map<std::string, std::int64_t> org_ids;
  for (const auto& org : kOrgs) {
    JIELI_ASSIGN_OR_RETURN(std::int64_t id, orgs::OrgTree(s.db).OrgIdNamed(std::string(org.name)));
    if (id == 0) return NotFoundError("orgs.not_found");
    org_ids[org.name] = id;
  }
  std::map<bool, std::optional<std::int64_t>> regions;
  for (bool east : {true, false}) {
    JIELI_ASSIGN_OR_RETURN(std::int64_t id,
                           orgs::OrgTree(s.db).RegionIdNamed(east ? "东亭社区" : "翠苑社区"));
    if (id != 0) regions[east] = id;
  }
  LocalDate today = LocalDateOf(s.clock.Now());
  DemoRandom random(20261125);
  std::set<std::string> ids;
  int total_share = 0;
  for (const auto& org : kOrgs) total_share += org.share;
  for (const auto& org : kOrgs) {
    int n = count * org.share / total_share;
    std::vector<ImportRow> rows;
    for (int i = 0; i < n; ++i) {
      ImportRow row;
      row.row = i + 2;
      row.input = MakeClient(random, today, org.east, ids);
      row.input.region_id = regions[org.east];
      Normalize(row.input);
      row.issues = ValidateClient(row.input, today);
      rows.push_back(std::move(row));
    }
    auto imported = s.clients.CommitImport(system, org_ids[org.name], std::move(rows));
    if (!imported) return imported.error();
  }
  return Ok();
}

}  // namespace jieli::clients
