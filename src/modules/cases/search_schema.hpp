// Chinese substring search over client names and case problems (issue: "text
// (client name or problem — Chinese substring search)"). Word tokenizers do not
// work for Chinese, so both backends index character trigrams:
//   SQLite      FTS5 external-content tables with the trigram tokenizer, kept
//               in step with clients.name and cases.problem by triggers
//   PostgreSQL  pg_trgm GIN indexes on the same columns (LIKE uses them)
// A trigram index answers searches of three characters or more; shorter ones
// (a two-character given name) fall back to a scan of the caller's scope.
#pragma once

#include "store/migration.hpp"

namespace jieli::cases {

inline constexpr store::Migration kTextSearchMigration = {6, "text_search", R"sql(
CREATE VIRTUAL TABLE clients_name_fts USING fts5(name, content='clients', content_rowid='id',
  tokenize='trigram');
CREATE TRIGGER clients_name_fts_insert AFTER INSERT ON clients BEGIN
  INSERT INTO clients_name_fts (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER clients_name_fts_delete AFTER DELETE ON clients BEGIN
  INSERT INTO clients_name_fts (clients_name_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER clients_name_fts_update AFTER UPDATE OF name ON clients
WHEN old.name IS NOT new.name BEGIN
  INSERT INTO clients_name_fts (clients_name_fts, rowid, name) VALUES ('delete', old.id, old.name);
  INSERT INTO clients_name_fts (rowid, name) VALUES (new.id, new.name);
END;
INSERT INTO clients_name_fts (clients_name_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE cases_problem_fts USING fts5(problem, content='cases', content_rowid='id',
  tokenize='trigram');
CREATE TRIGGER cases_problem_fts_insert AFTER INSERT ON cases BEGIN
  INSERT INTO cases_problem_fts (rowid, problem) VALUES (new.id, new.problem);
END;
CREATE TRIGGER cases_problem_fts_delete AFTER DELETE ON cases BEGIN
  INSERT INTO cases_problem_fts (cases_problem_fts, rowid, problem)
  VALUES ('delete', old.id, old.problem);
END;
CREATE TRIGGER cases_problem_fts_update AFTER UPDATE OF problem ON cases
WHEN old.problem IS NOT new.problem BEGIN
  INSERT INTO cases_problem_fts (cases_problem_fts, rowid, problem)
  VALUES ('delete', old.id, old.problem);
  INSERT INTO cases_problem_fts (rowid, problem) VALUES (new.id, new.problem);
END;
INSERT INTO cases_problem_fts (cases_problem_fts) VALUES ('rebuild');
)sql",
                                                          R"sql(
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX clients_name_trgm ON clients USING gin (name gin_trgm_ops);
CREATE INDEX cases_problem_trgm ON cases USING gin (problem gin_trgm_ops);
)sql"};

}  // namespace jieli::cases
