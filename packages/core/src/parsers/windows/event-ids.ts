/**
 * @module parsers/windows/event-ids
 * Windows event IDs → ECS action / category / type, after the names Elastic's winlog module uses.
 */

/** What an event ID means. `outcome` is set only where the ID itself decides it. */
export interface WindowsEventMeaning {
  action: string;
  category: string;
  outcome?: 'success' | 'failure';
}

/** Known Windows event IDs (Security, System, PowerShell basics). */
export const WINDOWS_EVENT_IDS: Readonly<Record<string, WindowsEventMeaning>> = {
  '528': { action: 'logged-in', category: 'authentication', outcome: 'success' },
  '529': { action: 'logon-failed', category: 'authentication', outcome: 'failure' },
  '538': { action: 'logged-out', category: 'authentication', outcome: 'success' },
  '540': { action: 'logged-in', category: 'authentication', outcome: 'success' },
  '1102': { action: 'audit-log-cleared', category: 'iam', outcome: 'success' },
  '4608': { action: 'windows-started-up', category: 'host' },
  '4609': { action: 'windows-shutdown', category: 'host' },
  '4616': { action: 'system-time-changed', category: 'host' },
  '4624': { action: 'logged-in', category: 'authentication', outcome: 'success' },
  '4625': { action: 'logon-failed', category: 'authentication', outcome: 'failure' },
  '4634': { action: 'logged-out', category: 'authentication', outcome: 'success' },
  '4647': { action: 'logged-out', category: 'authentication', outcome: 'success' },
  '4648': { action: 'logged-in-explicit', category: 'authentication', outcome: 'success' },
  '4672': { action: 'logged-in-special', category: 'iam', outcome: 'success' },
  '4688': { action: 'created-process', category: 'process', outcome: 'success' },
  '4689': { action: 'exited-process', category: 'process', outcome: 'success' },
  '4697': { action: 'service-installed', category: 'iam', outcome: 'success' },
  '4698': { action: 'scheduled-task-created', category: 'iam', outcome: 'success' },
  '4699': { action: 'scheduled-task-deleted', category: 'iam', outcome: 'success' },
  '4700': { action: 'scheduled-task-enabled', category: 'iam', outcome: 'success' },
  '4701': { action: 'scheduled-task-disabled', category: 'iam', outcome: 'success' },
  '4702': { action: 'scheduled-task-updated', category: 'iam', outcome: 'success' },
  '4719': { action: 'changed-audit-config', category: 'iam', outcome: 'success' },
  '4720': { action: 'added-user-account', category: 'iam', outcome: 'success' },
  '4722': { action: 'enabled-user-account', category: 'iam', outcome: 'success' },
  '4723': { action: 'changed-password', category: 'iam' },
  '4724': { action: 'reset-password', category: 'iam' },
  '4725': { action: 'disabled-user-account', category: 'iam', outcome: 'success' },
  '4726': { action: 'deleted-user-account', category: 'iam', outcome: 'success' },
  '4727': { action: 'added-group-account', category: 'iam', outcome: 'success' },
  '4728': { action: 'added-member-to-group', category: 'iam', outcome: 'success' },
  '4729': { action: 'removed-member-from-group', category: 'iam', outcome: 'success' },
  '4731': { action: 'added-group-account', category: 'iam', outcome: 'success' },
  '4732': { action: 'added-member-to-group', category: 'iam', outcome: 'success' },
  '4733': { action: 'removed-member-from-group', category: 'iam', outcome: 'success' },
  '4735': { action: 'modified-group-account', category: 'iam', outcome: 'success' },
  '4737': { action: 'modified-group-account', category: 'iam', outcome: 'success' },
  '4738': { action: 'modified-user-account', category: 'iam', outcome: 'success' },
  '4740': { action: 'locked-out-user-account', category: 'iam', outcome: 'success' },
  '4741': { action: 'added-computer-account', category: 'iam', outcome: 'success' },
  '4742': { action: 'changed-computer-account', category: 'iam', outcome: 'success' },
  '4743': { action: 'deleted-computer-account', category: 'iam', outcome: 'success' },
  '4756': { action: 'added-member-to-group', category: 'iam', outcome: 'success' },
  '4757': { action: 'removed-member-from-group', category: 'iam', outcome: 'success' },
  '4767': { action: 'unlocked-user-account', category: 'iam', outcome: 'success' },
  '4768': { action: 'kerberos-authentication-ticket-requested', category: 'authentication' },
  '4769': { action: 'kerberos-service-ticket-requested', category: 'authentication' },
  '4771': { action: 'kerberos-preauth-failed', category: 'authentication', outcome: 'failure' },
  '4776': { action: 'credential-validated', category: 'authentication' },
  '4778': { action: 'session-reconnected', category: 'authentication', outcome: 'success' },
  '4779': { action: 'session-disconnected', category: 'authentication', outcome: 'success' },
  '4798': { action: 'group-membership-enumerated', category: 'iam', outcome: 'success' },
  '4799': { action: 'group-membership-enumerated', category: 'iam', outcome: 'success' },
  '5140': { action: 'network-share-object-accessed', category: 'network', outcome: 'success' },
  '5145': { action: 'network-share-object-access-checked', category: 'network' },
  '5156': { action: 'windows-firewall-connection-allowed', category: 'network', outcome: 'success' },
  '5157': { action: 'windows-firewall-connection-blocked', category: 'network', outcome: 'failure' },
  '6416': { action: 'new-external-device-recognized', category: 'host', outcome: 'success' },
  '7045': { action: 'service-installed', category: 'iam', outcome: 'success' },
};
