#include "cli/commands.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "cli/app.hpp"
#include "cli/seed.hpp"
#include "core/messages.hpp"
#include "core/password_policy.hpp"
#include "http/server.hpp"
#include "modules/cases/rollup.hpp"
#include "modules/jobs/job_handlers.hpp"

namespace jieli::app {
namespace {

// Operators read the CLI in Chinese by default; LANG=en… switches to English.
Lang CliLang() {
  const char* lang = std::getenv("JIELI_LANG");
  if (lang == nullptr) lang = std::getenv("LANG");
  return lang != nullptr && std::string(lang).starts_with("en") ? Lang::kEn : Lang::kZh;
}

int Fail(const Error& error) {
  std::cerr << "jieli: " << Message(error.code(), CliLang(), error.params());
  for (const auto& issue : error.details()) {
    std::cerr << "\n  " << issue.field << ": " << FieldMessage(issue.code, CliLang(), issue.params);
  }
  if (!error.log_detail().empty()) std::cerr << "\n  (" << error.log_detail() << ")";
  std::cerr << " [" << error.code() << "]\n";
  return 1;
}

Result<std::unique_ptr<App>> OpenApp(bool create_key) {
  static SystemClock clock;
  auto config = ConfigFromEnvironment();
  if (!config) return config.error();
  return App::Open(*config, clock, create_key);
}

int Serve() {
  // Block the stop signals in every thread; this one waits for them below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto app = OpenApp(false);
  if (!app) return Fail(app.error());
  auto options = (*app)->ServerOptions();
  if (!options) return Fail(options.error());
  http::Server server(*options, (*app)->router());
  if (auto started = server.Start(); !started) return Fail(started.error());
  if (auto background = (*app)->StartBackground(); !background) {
    server.Stop();
    return Fail(background.error());
  }
  spdlog::info("jieli {} listening on http://{}:{} (store: {}, node {})", JIELI_VERSION,
               options->host, server.port(),
               (*app)->db().backend() == store::Backend::kSqlite ? "sqlite" : "postgresql",
               (*app)->jobs().node());
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  spdlog::info("signal {}: finishing requests and jobs in flight, then stopping", signal_number);
  server.Stop();
  (*app)->StopBackground();
  spdlog::info("stopped");
  return 0;
}

int JobsStatus() {
  auto app = OpenApp(false);
  if (!app) return Fail(app.error());
  auto summary = (*app)->jobs().queue().Summary();
  if (!summary) return Fail(summary.error());
  bool en = CliLang() == Lang::kEn;
  std::cout << (en ? "pending " : "待运行 ") << summary->pending << (en ? " (due " : "（已到期 ")
            << summary->due << (en ? "), running " : "），运行中 ") << summary->running
            << (en ? ", done " : "，已完成 ") << summary->done << (en ? ", failed " : "，失败 ")
            << summary->failed << "\n";
  return 0;
}

int JobsProbe(int count, int work_ms) {
  auto app = OpenApp(false);
  if (!app) return Fail(app.error());
  jobs::NewJob job;
  job.kind = std::string(jobs::kProbeKind);
  job.payload = "{\"work_ms\":" + std::to_string(work_ms) + "}";
  auto tx = (*app)->db().Begin();
  if (!tx) return Fail(tx.error());
  for (int i = 0; i < count; ++i) {
    auto queued = (*app)->jobs().queue().Enqueue(**tx, job);
    if (!queued) return Fail(queued.error());
  }
  if (auto committed = (*tx)->Commit(); !committed) return Fail(committed.error());
  std::cout << (CliLang() == Lang::kEn ? "Queued " : "已排队 ") << count
            << (CliLang() == Lang::kEn ? " probe jobs.\n" : " 个探测任务。\n");
  return 0;
}

int JobsRun() {
  auto app = OpenApp(false);
  if (!app) return Fail(app.error());
  auto ran = (*app)->jobs().RunDue();
  if (!ran) return Fail(ran.error());
  std::cout << (CliLang() == Lang::kEn ? "Jobs run: " : "已运行任务：") << *ran << "\n";
  return 0;
}

int Init(bool demo, const std::string& demo_password, const std::string& admin_password,
         const std::string& bureau_name) {
  auto app = OpenApp(true);
  if (!app) return Fail(app.error());
  const std::string& password = demo ? demo_password : admin_password;
  if (password.empty()) {
    return Fail(InvalidError("validation.failed").WithDetail({"--admin-password", "required"}));
  }
  // The password of the admin, or of every demo account.
  std::vector<FieldIssue> issues;
  if (demo) {
    for (const auto& account : DemoAccounts()) {
      for (auto& issue : CheckPasswordPolicy(password, "--demo-password", account.username)) {
        bool known = std::any_of(issues.begin(), issues.end(),
                                 [&](const FieldIssue& seen) { return seen.code == issue.code; });
        if (!known) issues.push_back(issue);
      }
    }
  } else {
    issues = CheckPasswordPolicy(password, "--admin-password", "admin");
  }
  if (!issues.empty()) return Fail(ValidationFailed(std::move(issues)));
  auto created = demo ? SeedDemo((*app)->services(), password)
                      : SeedInitial((*app)->services(), bureau_name, password);
  if (!created) return Fail(created.error());
  bool en = CliLang() == Lang::kEn;
  if (!*created) {
    std::cout << (en ? "The database already holds data; nothing was added.\n"
                     : "数据库中已有数据，未重复创建。\n");
  }
  if (demo) {
    std::cout << (en ? "Demo accounts (password: " : "演示账号（密码：") << password
              << (en ? "):\n" : "）：\n");
    for (const auto& account : DemoAccounts()) {
      std::cout << "  " << account.username << "\t" << account.display_name << "\t"
                << account.description << "\n";
    }
  } else if (*created) {
    std::cout << (en ? "Initialised: the bureau and the user admin were created.\n"
                     : "初始化完成：已创建民政局组织和管理员账号 admin。\n");
  }
  return 0;
}

int Migrate() {
  auto app = OpenApp(false);  // Open applies pending migrations
  if (!app) return Fail(app.error());
  std::cout << (CliLang() == Lang::kEn ? "Schema is up to date.\n" : "数据库结构已是最新。\n");
  return 0;
}

int UserAdd(const std::string& username, const std::string& display_name, std::int64_t org_id,
            const std::string& role_name, std::string password) {
  if (password.empty()) {
    const char* env = std::getenv("JIELI_PASSWORD");
    if (env != nullptr) password = env;
  }
  auto role = orgs::ParseRole(role_name);
  Error invalid = InvalidError("validation.failed");
  if (!role)
    invalid.WithDetail({"--role",
                        "invalid_choice",
                        {{"allowed",
                          "admin, leader, supervisor, worker, operator, commander, expert, "
                          "volunteer, bureau_officer"}}});
  for (auto& issue : CheckPasswordPolicy(password, "--password", username)) {
    invalid.WithDetail(issue);
  }
  if (!invalid.details().empty()) return Fail(invalid);
  auto app = OpenApp(false);
  if (!app) return Fail(app.error());
  auto& services = (*app)->services();
  auto user = services.orgs.CreateUser(
      auth::Actor::System(services.db),
      {username, display_name.empty() ? username : display_name, password, {{org_id, *role}}});
  if (!user) return Fail(user.error());
  std::cout << user->id << "\n";
  return 0;
}

int TokenCreate(const std::string& username, const std::string& name) {
  auto app = OpenApp(false);
  if (!app) return Fail(app.error());
  auto token = (*app)->services().auth.CreateToken(username, name);
  if (!token) return Fail(token.error());
  std::cerr << (CliLang() == Lang::kEn ? "Token id " : "令牌编号 ") << token->id
            << (CliLang() == Lang::kEn ? " (shown once; keep it secret):\n"
                                       : "（仅显示一次，请妥善保管）：\n");
  std::cout << token->token << "\n";
  return 0;
}

int TokenRevoke(std::int64_t id) {
  auto app = OpenApp(false);
  if (!app) return Fail(app.error());
  auto user = (*app)->services().auth.RevokeTokenById(id);
  if (!user) return Fail(user.error());
  // Ends the token's live streams on every node at once (PostgreSQL; on
  // SQLite the serving process finds out at its next heartbeat).
  (*app)->services().events.CredentialsEnded({*user});
  std::cout << (CliLang() == Lang::kEn ? "Revoked.\n" : "已吊销。\n");
  return 0;
}

int Backup(const std::string& path) {
  auto app = OpenApp(false);
  if (!app) return Fail(app.error());
  if (auto st = (*app)->db().Backup(path); !st) return Fail(st.error());
  std::cout << (CliLang() == Lang::kEn ? "Backup written and verified: " : "备份已写入并校验通过：")
            << path << "\n";
  return 0;
}

int RollupRebuild() {
  auto app = OpenApp(false);
  if (!app) return Fail(app.error());
  auto rebuilt = cases::RebuildRollup((*app)->db());
  if (!rebuilt) return Fail(rebuilt.error());
  const bool en = CliLang() == Lang::kEn;
  std::cout << (en ? "Case rollup rebuilt from the records: " : "个案汇总已按记录重建：")
            << rebuilt->cases << (en ? " cases, " : " 个个案，") << rebuilt->service_records
            << (en ? " service records (rows: " : " 条服务记录（行数：") << rebuilt->state_rows
            << " state, " << rebuilt->day_rows << " days, " << rebuilt->service_rows
            << (en ? " services).\n" : " services）。\n");
  // The stored quality facts too: computed from the same records.
  auto facts = (*app)->services().cases.RebuildQualityFacts();
  if (!facts) return Fail(facts.error());
  std::cout << (en ? "Quality facts recomputed: " : "质量指标事实已重算：") << *facts
            << (en ? " cases.\n" : " 个个案。\n");
  return 0;
}

int QualitySignals() {
  auto app = OpenApp(false);
  if (!app) return Fail(app.error());
  const auto started = std::chrono::steady_clock::now();
  auto run = (*app)->services().quality.EvaluateSignals();
  if (!run) return Fail(run.error());
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  const bool en = CliLang() == Lang::kEn;
  std::cout << (en ? "Indicator signals evaluated: " : "指标信号已评估：") << run->found
            << (en ? " rule breaks found, " : " 个新判异点，") << run->new_signals
            << (en ? " new signals, " : " 个新信号，") << run->notifications
            << (en ? " notifications, in " : " 条通知，用时 ") << ms << " ms\n";
  return 0;
}

int AuditVerify() {
  auto app = OpenApp(false);
  if (!app) return Fail(app.error());
  auto report = (*app)->services().audit.Verify((*app)->db());
  if (!report) return Fail(report.error());
  bool en = CliLang() == Lang::kEn;
  if (report->intact) {
    std::cout << (en ? "Audit log intact: " : "审计日志完整：") << report->checked
              << (en ? " entries checked.\n" : " 条记录校验通过。\n");
    return 0;
  }
  std::cout << Message("audit.chain_broken", CliLang(),
                       {{"id", std::to_string(report->first_bad_id.value_or(0))}})
            << " (" << report->problem << ")\n";
  return 2;
}

}  // namespace

int RunCommandLine(int argc, char** argv) {
  CLI::App cli{"接力 Jieli — 社会工作服务质量平台 / social-work service platform", "jieli"};
  cli.set_version_flag("--version", std::string("jieli ") + JIELI_VERSION);
  cli.require_subcommand(1);
  cli.footer(
      "Environment: JIELI_DB (sqlite:PATH | postgresql://…), JIELI_LISTEN (127.0.0.1:8080), "
      "JIELI_KEY_FILE, JIELI_WEB_ROOT, JIELI_IDLE_TIMEOUT_MINUTES, JIELI_THREADS, JIELI_DB_POOL, "
      "JIELI_JOB_WORKERS, JIELI_JOB_LEASE_SECONDS, JIELI_NODE_NAME");

  auto* serve = cli.add_subcommand("serve", "Run the HTTP server");

  auto* init = cli.add_subcommand("init", "Create the key file, the schema and the first data");
  bool demo = false;
  std::string demo_password = "Jieli@2026";
  std::string admin_password;
  std::string bureau_name = "市民政局";
  init->add_flag("--demo", demo, "Create the demo city with its accounts");
  init->add_option("--demo-password", demo_password, "Password of every demo account")
      ->capture_default_str();
  init->add_option("--admin-password", admin_password,
                   "Password of the user admin (without --demo)")
      ->envname("JIELI_ADMIN_PASSWORD");
  init->add_option("--bureau-name", bureau_name, "Name of the root organisation")
      ->capture_default_str();

  auto* migrate = cli.add_subcommand("migrate", "Apply pending schema migrations");

  auto* user = cli.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Add a user with one role in one organisation");
  std::string username, display_name, role = "worker", password;
  std::int64_t org_id = 0;
  user_add->add_option("--username,username", username, "User name")->required();
  user_add->add_option("--display-name", display_name, "Name shown to others");
  user_add->add_option("--org", org_id, "Organisation id")->required();
  user_add->add_option("--role", role, "Role in that organisation")->capture_default_str();
  user_add->add_option("--password", password, "Password (or JIELI_PASSWORD)");

  auto* token = cli.add_subcommand("token", "Manage API tokens");
  token->require_subcommand(1);
  auto* token_create = token->add_subcommand("create", "Create a bearer token and print it");
  std::string token_user, token_name = "cli";
  token_create->add_option("--user", token_user, "User name")->required();
  token_create->add_option("--name", token_name, "What the token is for")->capture_default_str();
  auto* token_revoke = token->add_subcommand("revoke", "Revoke a token by id");
  std::int64_t token_id = 0;
  token_revoke->add_option("id", token_id, "Token id")->required();

  auto* backup =
      cli.add_subcommand("backup", "Copy the SQLite database online and verify the copy");
  std::string backup_path;
  backup->add_option("file", backup_path, "Destination file")->required();

  auto* audit = cli.add_subcommand("audit", "Audit log tools");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "Walk the hash chain");

  auto* rollup = cli.add_subcommand("rollup", "The case rollup behind dashboards and indicators");
  rollup->require_subcommand(1);
  auto* rollup_rebuild = rollup->add_subcommand(
      "rebuild", "Empty the case rollup and the quality facts and recompute them from the records");

  auto* quality_cmd = cli.add_subcommand("quality", "Quality management");
  quality_cmd->require_subcommand(1);
  auto* quality_signals = quality_cmd->add_subcommand(
      "signals", "Chart every indicator now and record new signals (the nightly job by hand)");

  auto* jobs_cmd = cli.add_subcommand("jobs", "Background jobs");
  jobs_cmd->require_subcommand(1);
  auto* jobs_status = jobs_cmd->add_subcommand("status", "Count the queue's jobs by status");
  auto* jobs_probe =
      jobs_cmd->add_subcommand("probe", "Queue probe jobs to check that the nodes run jobs");
  int probe_count = 1, probe_work_ms = 0;
  jobs_probe->add_option("--count", probe_count, "How many")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  jobs_probe->add_option("--work-ms", probe_work_ms, "How long each one works")
      ->check(CLI::Range(0, 10000))
      ->capture_default_str();
  auto* jobs_run = jobs_cmd->add_subcommand(
      "run", "Run the due jobs in this process and exit (for nodes with JIELI_JOB_WORKERS=0)");

  CLI11_PARSE(cli, argc, argv);

  if (serve->parsed()) return Serve();
  if (init->parsed()) return Init(demo, demo_password, admin_password, bureau_name);
  if (migrate->parsed()) return Migrate();
  if (user_add->parsed()) return UserAdd(username, display_name, org_id, role, password);
  if (token_create->parsed()) return TokenCreate(token_user, token_name);
  if (token_revoke->parsed()) return TokenRevoke(token_id);
  if (backup->parsed()) return Backup(backup_path);
  if (audit_verify->parsed()) return AuditVerify();
  if (rollup_rebuild->parsed()) return RollupRebuild();
  if (quality_signals->parsed()) return QualitySignals();
  if (jobs_status->parsed()) return JobsStatus();
  if (jobs_probe->parsed()) return JobsProbe(probe_count, probe_work_ms);
  if (jobs_run->parsed()) return JobsRun();
  return 1;
}

}  // namespace jieli::app
