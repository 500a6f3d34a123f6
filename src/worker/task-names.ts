/** The tasks that run under the worker lease, as the CLI, the log and the HTTP API name them. */
export const TASK_NAMES = ['sync', 'analyze', 'trends', 'pipeline'] as const;
