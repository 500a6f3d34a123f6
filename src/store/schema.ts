import type { RunsDailyTable, RunsTable, StatusCountersTable, WorkerStatusTable } from './schema-core.js';
import type { CommentsTable, SyncStateTable, TicketsTable, UsersTable } from './schema-tickets.js';
import type { ApiUsageDailyTable, ApiUsageTable, BatchItemsTable, IssuesTable, MessageBatchesTable, TicketAnalysesTable } from './schema-analysis.js';
import type { ClustersTable } from './schema-themes.js';
import type { ScheduleInstallsTable, SchedulesTable } from './schema-schedules.js';

/** Every table Kysely knows. Each domain keeps its tables in its own schema-*.ts file. */
export interface Database {
  worker_status: WorkerStatusTable;
  runs: RunsTable;
  runs_daily: RunsDailyTable;
  status_counters: StatusCountersTable;
  tickets: TicketsTable;
  comments: CommentsTable;
  users: UsersTable;
  sync_state: SyncStateTable;
  ticket_analyses: TicketAnalysesTable;
  issues: IssuesTable;
  api_usage: ApiUsageTable;
  api_usage_daily: ApiUsageDailyTable;
  message_batches: MessageBatchesTable;
  batch_items: BatchItemsTable;
  clusters: ClustersTable;
  schedules: SchedulesTable;
  schedule_installs: ScheduleInstallsTable;
}
