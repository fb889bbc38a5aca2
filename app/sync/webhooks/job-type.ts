// The job that applies one stored webhook delivery (app/sync/webhooks/process.server.ts).
// Kept apart so the intake route can enqueue it without loading the processing code.
export const WEBHOOK_PROCESS_JOB = "webhook.process";

export interface WebhookProcessPayload {
  deliveryId: string;
}
