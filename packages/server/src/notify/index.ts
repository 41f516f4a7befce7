/** @module notify — notification channels, their registry, the outbound guard and delivery. */
export * from './notifier.ts';
export * from './alert-message.ts';
export * from './outbound-guard.ts';
export * from './outbound-http.ts';
export * from './webhook-signature.ts';
export * from './deliver.ts';
export * from './redact.ts';
export { BUILTIN_CHANNELS } from './channels/builtin.ts';
export * from './backoff.ts';
export * from './channels-repo.ts';
export * from './channel-sender.ts';
export * from './channel-service.ts';
export * from './create-channel-service.ts';
export * from './default-dispatcher.ts';
