/**
 * @module parsers/windows/from-json
 * Windows events that arrive as JSON: NXLog `im_msvistalog` (`EventID`, `Channel`, `Hostname`, EventData
 * at the top level) and Wazuh's eventchannel form (`win.system.*`, `win.eventdata.*`).
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext } from '../types.ts';
import { parseTimestamp } from '../../normalize/timestamp.ts';
import { toIso } from '../shared/time.ts';
import { windowsFields } from './event-data.ts';

function str(v: FieldValue | undefined): string | undefined {
  return v === undefined || v === null ? undefined : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function outcomeOf(v: string | undefined): 'success' | 'failure' | undefined {
  const s = (v ?? '').toUpperCase();
  return s.includes('AUDIT_SUCCESS') || s === 'SUCCESS AUDIT' ? 'success' : s.includes('AUDIT_FAILURE') || s === 'FAILURE AUDIT' ? 'failure' : undefined;
}

/** ECS fields for a flattened JSON object that is a Windows event; null when it is not one. */
export function windowsFromJson(raw: Record<string, FieldValue>, _ctx: ParseContext): Record<string, FieldValue> | null {
  if (raw['win.system.eventID'] !== undefined) {
    const data = new Map<string, string>();
    for (const k in raw) if (k.startsWith('win.eventdata.')) data.set(k.slice(14), str(raw[k]) ?? '');
    let message = str(raw['win.system.message']);
    if (message && message.startsWith('"') && message.endsWith('"')) message = message.slice(1, -1);
    const f = windowsFields({
      eventId: str(raw['win.system.eventID']),
      channel: str(raw['win.system.channel']),
      provider: str(raw['win.system.providerName']),
      computer: str(raw['win.system.computer']),
      recordId: str(raw['win.system.eventRecordID']),
      keywordsOutcome: outcomeOf(str(raw['win.system.severityValue'])),
      data,
      message,
    });
    const ms = parseTimestamp(raw['win.system.systemTime']);
    if (ms !== null) f['@timestamp'] = toIso(ms);
    return f;
  }
  if (raw.EventID !== undefined && (raw.Channel !== undefined || raw.SourceName !== undefined)) {
    const data = new Map<string, string>();
    const system = new Set(['EventID', 'Channel', 'Hostname', 'SourceName', 'ProviderGuid', 'EventTime', 'EventReceivedTime', 'Message', 'Keywords', 'EventType', 'RecordNumber', 'SeverityValue', 'Severity', 'Category', 'Opcode', 'Task', 'Version', 'ThreadID', 'ProcessID', 'SourceModuleName', 'SourceModuleType', 'ExecutionProcessID', 'ExecutionThreadID']);
    for (const k in raw) if (!system.has(k)) data.set(k, str(raw[k]) ?? '');
    const f = windowsFields({
      eventId: str(raw.EventID),
      channel: str(raw.Channel),
      provider: str(raw.SourceName),
      computer: str(raw.Hostname),
      recordId: str(raw.RecordNumber),
      keywordsOutcome: outcomeOf(str(raw.EventType)),
      data,
      message: str(raw.Message),
    });
    const ms = parseTimestamp(raw.EventTime);
    if (ms !== null) f['@timestamp'] = toIso(ms);
    return f;
  }
  return null;
}
