#include "store/db.hpp"

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "store/postgres/postgres_db.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace jieli::store {
namespace {

const Value& NullValue() {
  static const Value kNull;
  return kNull;
}

// An index past the end is a programmer error; release builds read it as NULL.
const Value& Cell(const std::vector<Value>& values, std::size_t i) {
  assert(i < values.size());
  return i < values.size() ? values[i] : NullValue();
}

std::int64_t DoubleToInt(double d) {
  if (std::isnan(d)) return 0;
  // 2^63 is exactly representable; anything at or beyond it would overflow.
  constexpr double kLimit = 9223372036854775808.0;
  if (d >= kLimit) return std::numeric_limits<std::int64_t>::max();
  if (d < -kLimit) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(d);
}

std::int64_t TextToInt(const std::string& text) {
  std::int64_t n = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (ec == std::errc() && ptr == end) return n;
  // "12.0" from a NUMERIC column, or "1e3".
  double d = 0;
  auto [dptr, dec] = std::from_chars(text.data(), end, d);
  if (dec == std::errc() && dptr == end) return DoubleToInt(d);
  return 0;
}

double TextToDouble(const std::string& text) {
  double d = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  return ec == std::errc() ? d : 0;
}

std::string DoubleToText(double d) {
  std::array<char, 64> buf;
  auto [ptr, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), d);
  return ec == std::errc() ? std::string(buf.data(), ptr) : std::string();
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

bool Row::IsNull(std::size_t i) const {
  return std::holds_alternative<std::monostate>(Cell(values_, i));
}

std::int64_t Row::Int(std::size_t i) const {
  const Value& v = Cell(values_, i);
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return DoubleToInt(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return TextToInt(*s);
  return 0;
}

double Row::Double(std::size_t i) const {
  const Value& v = Cell(values_, i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) return TextToDouble(*s);
  return 0;
}

std::string Row::Text(std::size_t i) const {
  const Value& v = Cell(values_, i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) return DoubleToText(*d);
  if (const auto* b = std::get_if<Blob>(&v)) return b->bytes;
  return {};
}

std::string Row::Bytes(std::size_t i) const {
  // Text() already yields a blob's bytes and a string's characters.
  return Text(i);
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

std::optional<std::string> Row::OptText(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

Result<std::optional<Row>> Executor::QueryOne(std::string_view sql,
                                              const std::vector<Value>& params) {
  Result<Rows> rows = Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->rows.empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(rows->rows.front()));
}

Result<std::unique_ptr<Db>> Db::Open(std::string_view url, const DbOptions& options) {
  constexpr std::string_view kSqlitePrefix = "sqlite:";
  if (StartsWith(url, kSqlitePrefix)) {
    return OpenSqliteDb(std::string(url.substr(kSqlitePrefix.size())), options);
  }
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    return OpenPostgresDb(std::string(url), options);
  }
  // The URL itself stays out of the log: it may carry a password.
  return Error(ErrorKind::kInvalid, "store.invalid_url", "unknown database URL scheme");
}

}  // namespace jieli::store
