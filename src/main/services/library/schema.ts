/**
 * The run library's SQLite schema and its forward migrations. `PRAGMA application_id` marks a
 * file as ours (so another application's database is refused, not altered) and
 * `PRAGMA user_version` holds the schema version: migration i takes a library from version i to
 * i + 1, all in one transaction. Never edit a released migration; add the next one.
 *
 * Frame tables keep SQLite's rowid: a stored frame (a few KB) is far above what a WITHOUT ROWID
 * row keeps in its page, and an overflow page per frame would double the file.
 *
 * Version 1: runs, their frames (FRAME_CODEC_VERSION), their events.
 * Version 2: a KPI time series per run (charts and CSV without decoding frames) and an
 *            overview level of frames (one per OVERVIEW_EVERY) for long runs; frames indexed
 *            by time so a seek is one index lookup.
 * Version 3: guided tours saved with a run (present mode; the tour as JSON, shared/tour.ts),
 *            one per name per run, deleted with their run.
 */
export const APPLICATION_ID = 0x54574e52 // "TWNR"

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    system TEXT NOT NULL,
    scenario_name TEXT NOT NULL,
    scenario_json TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'stopped', 'interrupted', 'failed')),
    created_at TEXT NOT NULL,
    finished_at TEXT,
    duration_s REAL NOT NULL,
    sample_interval_s REAL NOT NULL,
    seed INTEGER NOT NULL,
    simulated_s REAL NOT NULL DEFAULT 0,
    frame_count INTEGER NOT NULL DEFAULT 0,
    frame_codec INTEGER NOT NULL,
    summary_json TEXT,
    error TEXT,
    owner_pid INTEGER,
    heartbeat_at INTEGER
  );
  CREATE TABLE frames (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    sim_time_s REAL NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (run_id, idx)
  );
  CREATE TABLE events (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at_s REAL NOT NULL,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
  ) WITHOUT ROWID;
  CREATE INDEX runs_by_date ON runs (created_at);
  `,
  `
  ALTER TABLE runs ADD COLUMN kpi_names TEXT;
  CREATE TABLE kpis (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    sim_time_s REAL NOT NULL,
    kpi_values BLOB NOT NULL,
    PRIMARY KEY (run_id, idx)
  ) WITHOUT ROWID;
  CREATE TABLE frames_overview (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    sim_time_s REAL NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (run_id, idx)
  );
  CREATE INDEX frames_by_time ON frames (run_id, sim_time_s);
  `,
  `
  CREATE TABLE tours (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    tour_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (run_id, name)
  ) WITHOUT ROWID;
  `
]

export const SCHEMA_VERSION = MIGRATIONS.length

/** frames per overview frame */
export const OVERVIEW_EVERY = 10
