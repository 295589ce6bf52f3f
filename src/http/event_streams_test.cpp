#include "http/event_streams.hpp"

#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli::http {
namespace {

// A stream that keeps what was written, as a connection's queue would.
class RecordingStream final : public StreamWriter {
 public:
  bool Write(std::string text) override {
    std::lock_guard lock(mutex_);
    if (closed_) return false;
    written_.push_back(std::move(text));
    return true;
  }
  bool Closed() const override {
    std::lock_guard lock(mutex_);
    return closed_;
  }
  void Close() override {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  std::vector<std::string> Written() const {
    std::lock_guard lock(mutex_);
    return written_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> written_;
  bool closed_ = false;
};

TEST(SseMessage, KeepsTopicAndDataOnOneLineEach) {
  struct Case {
    std::string topic, data, message;
  };
  const std::vector<Case> cases = {
      {"notification", R"({"id":1})", "event: notification\ndata: {\"id\":1}\n\n"},
      {"ready", "{}", "event: ready\ndata: {}\n\n"},
      {"a\nb", "x\r\ny", "event: a b\ndata: x  y\n\n"},
  };
  for (const auto& c : cases) EXPECT_EQ(SseMessage(c.topic, c.data), c.message) << c.topic;
}

TEST(EventStreams, SendsToTheNamedUsersStreamsOnly) {
  EventStreams streams;
  auto first = std::make_shared<RecordingStream>();
  auto second = std::make_shared<RecordingStream>();
  auto other = std::make_shared<RecordingStream>();
  streams.Add(1, "s:a", first);
  streams.Add(1, "s:b", second);
  streams.Add(2, "s:c", other);
  streams.Send("notification", {1}, "{}");
  EXPECT_EQ(first->Written().size(), 1u);
  EXPECT_EQ(second->Written().size(), 1u);
  EXPECT_TRUE(other->Written().empty());
  streams.SendToAll("resync");
  EXPECT_EQ(other->Written(), std::vector<std::string>{"event: resync\ndata: {}\n\n"});
}

TEST(EventStreams, RefusesOneStreamTooManyAndCountsOnlyOpenOnes) {
  EventStreams streams;
  std::vector<std::shared_ptr<RecordingStream>> open;
  for (std::size_t i = 0; i < EventStreams::kMaxStreamsPerUser; ++i) {
    ASSERT_TRUE(streams.CheckRoomFor(7));
    open.push_back(std::make_shared<RecordingStream>());
    streams.Add(7, "s:x", open.back());
  }
  Status refused = streams.CheckRoomFor(7);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), "events.too_many_streams");
  EXPECT_TRUE(streams.CheckRoomFor(8));  // another user
  open[0]->Close();
  EXPECT_TRUE(streams.CheckRoomFor(7));
  EXPECT_EQ(streams.Count(), EventStreams::kMaxStreamsPerUser - 1);
}

TEST(EventStreams, EndsAStreamWhoseCredentialEndedWhenAskedNow) {
  EventStreams streams;
  std::promise<void> checked;
  std::once_flag once;
  streams.SetCredentialCheck([&](const std::vector<std::string>&) -> Result<std::set<std::string>> {
    std::call_once(once, [&] { checked.set_value(); });
    return std::set<std::string>{"s:live"};
  });
  // A heartbeat far beyond the wait below: only the nudge can end the stream.
  streams.SetHeartbeat(std::chrono::minutes(10));
  auto live = std::make_shared<RecordingStream>();
  auto ended = std::make_shared<RecordingStream>();
  streams.Add(1, "s:live", live);
  streams.Add(1, "s:ended", ended);
  streams.Start();
  streams.CheckCredentialsNow();
  ASSERT_EQ(checked.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  streams.Stop();  // joins the heartbeat: the check has finished
  EXPECT_TRUE(ended->Closed());
  EXPECT_EQ(ended->Written(), std::vector<std::string>{"event: signed_out\ndata: {}\n\n"});
  EXPECT_FALSE(live->Closed());
}

}  // namespace
}  // namespace jieli::http
