/**
 * The shell's alert bell: the number of open alerts (red when any is high or critical), kept current
 * by the alert stream, and a toast for every newly opened high or critical alert.
 */
import { useCallback, useRef } from 'react';
import { useNavigate } from 'react-router';
import { ActionIcon, Anchor, Indicator, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconBell } from '@tabler/icons-react';
import type { AlertEvent } from '@vigil/contracts';
import { SEVERITY_COLORS } from '../../../components/severity.tsx';
import { ALERTS_KEY, useAlertSummary } from '../api/alerts.ts';
import { useAlertStream } from '../hooks/useAlertStream.ts';

/** Severities that raise a toast when an alert opens. */
export const TOAST_SEVERITIES = new Set(['high', 'critical']);

/** Most toasts on screen at once; older ones give way. */
const MAX_TOASTS = 4;

export function AlertCenter() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const summary = useAlertSummary(60_000);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const shown = useRef<string[]>([]);

  // Bursts of alert changes refresh the lists and counts once, a moment later.
  const scheduleRefresh = useCallback(() => {
    if (refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      void client.invalidateQueries({ queryKey: [ALERTS_KEY] });
    }, 300);
  }, [client]);

  useAlertStream((a: AlertEvent) => {
    scheduleRefresh();
    if (a.action !== 'opened' || !TOAST_SEVERITIES.has(a.severity)) return;
    const id = `alert-${a.id}`;
    shown.current = [...shown.current.filter((x) => x !== id), id];
    while (shown.current.length > MAX_TOASTS) notifications.hide(shown.current.shift()!);
    notifications.show({
      id,
      color: SEVERITY_COLORS[a.severity],
      title: `${a.severity === 'critical' ? 'Critical' : 'High'} alert`,
      autoClose: a.severity === 'critical' ? 15_000 : 8000,
      withBorder: true,
      message: (
        <Anchor
          component="button"
          type="button"
          size="sm"
          ta="left"
          data-testid="alert-toast"
          data-alert-id={a.id}
          onClick={() => {
            notifications.hide(id);
            navigate(`/alerts/${encodeURIComponent(a.id)}`);
          }}
        >
          {a.ruleTitle}
        </Anchor>
      ),
    });
  });

  const open = summary.data?.openTotal ?? 0;
  const urgent = (summary.data?.open.high ?? 0) + (summary.data?.open.critical ?? 0);
  const label = `${open} open ${open === 1 ? 'alert' : 'alerts'}${urgent ? `, ${urgent} high or critical` : ''}`;

  return (
    <Tooltip label={label}>
      <Indicator label={open > 99 ? '99+' : open} size={18} color={urgent ? 'red' : 'gray'} disabled={open === 0} offset={4} data-testid="alert-badge" data-count={open}>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label} onClick={() => navigate('/alerts')}>
          <IconBell size={20} />
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}

