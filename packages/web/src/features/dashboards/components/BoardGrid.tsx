/**
 * The board's panels on a 12-column grid (react-grid-layout): in edit mode panels are dragged by
 * their title bar and resized from the corner, and each can be edited or removed.
 */
import { ActionIcon, Card, Group, Text } from '@mantine/core';
import { IconExternalLink, IconGripVertical, IconPencil, IconTrash } from '@tabler/icons-react';
import ReactGridLayout, { useContainerWidth, type Layout } from 'react-grid-layout';
import { Link } from 'react-router';
import 'react-grid-layout/css/styles.css';
import 'react-resizable/css/styles.css';
import type { Panel } from '@vigil/contracts';
import { PanelView, searchHref } from './PanelView.tsx';

/** Pixel height of one grid row. */
export const ROW_HEIGHT = 40;
const MARGIN = 12;

/** Below this width the panels stack in one column, in board order (top to bottom, left to right). */
export const NARROW_WIDTH = 640;

/** The grid layout of `panels`; on a narrow screen one full-width column keeping each panel's height. */
export function gridLayout(panels: Panel[], narrow: boolean): Layout {
  if (!narrow) return panels.map((p) => ({ i: p.id, x: p.x, y: p.y, w: p.w, h: p.h, minW: 2, minH: 2 }));
  let y = 0;
  return [...panels].sort((a, b) => a.y - b.y || a.x - b.x).map((p) => {
    const l = { i: p.id, x: 0, y, w: 12, h: p.h, minW: 2, minH: 2, static: true };
    y += p.h;
    return l;
  });
}

/** Panels with their grid positions taken from a layout (what the grid reports after a drag). */
export function applyLayout(panels: Panel[], layout: Layout): Panel[] {
  const at = new Map(layout.map((l) => [l.i, l]));
  return panels.map((p) => {
    const l = at.get(p.id);
    return l ? { ...p, x: l.x, y: l.y, w: l.w, h: l.h } : p;
  });
}

export interface BoardGridProps {
  panels: Panel[];
  editing: boolean;
  onLayout: (panels: Panel[]) => void;
  onEdit: (p: Panel) => void;
  onRemove: (p: Panel) => void;
}

/** The grid of panels. */
export function BoardGrid({ panels, editing, onLayout, onEdit, onRemove }: BoardGridProps) {
  const { width, containerRef, mounted } = useContainerWidth();
  // A phone shows the panels one under the other; the board's layout is edited on wider screens only.
  const narrow = mounted && width < NARROW_WIDTH;
  const layout = gridLayout(panels, narrow);
  const arranging = editing && !narrow;
  return (
    // minWidth 0 and no horizontal overflow: the grid is as wide as it last measured, and a flex parent
    // would otherwise keep that width after the page narrows (76 px past the edge at 1440 px in e2e).
    <div ref={containerRef} data-testid="board-grid" style={{ minWidth: 0, width: '100%', overflowX: 'hidden' }}>
      {mounted && (
        <ReactGridLayout
          layout={layout}
          width={width}
          gridConfig={{ cols: 12, rowHeight: ROW_HEIGHT, margin: [MARGIN, MARGIN], containerPadding: [0, 0] }}
          dragConfig={{ enabled: arranging, handle: '.panel-drag' }}
          resizeConfig={{ enabled: arranging }}
          onLayoutChange={(l) => arranging && onLayout(applyLayout(panels, l))}
        >
          {panels.map((p) => (
            <div key={p.id}>
              <Card withBorder padding="xs" h="100%" data-testid="panel" style={{ overflow: 'hidden', display: 'flex', flexDirection: 'column' }}>
                <Group justify="space-between" wrap="nowrap" gap={4} mb={4}>
                  <Group gap={4} wrap="nowrap" className={arranging ? 'panel-drag' : undefined} style={{ cursor: arranging ? 'move' : undefined, flex: 1, minWidth: 0 }}>
                    {arranging && <IconGripVertical size={14} />}
                    <Text size="sm" fw={600} truncate="end">{p.title || p.query || 'All events'}</Text>
                  </Group>
                  <Group gap={2} wrap="nowrap">
                    <Text size="xs" c="dimmed">{p.from}{p.to !== 'now' ? ` → ${p.to}` : ''}</Text>
                    <ActionIcon component={Link} to={searchHref(p.query, p.from, p.to)} variant="subtle" size="sm" aria-label={`Open ${p.title} in search`}><IconExternalLink size={14} /></ActionIcon>
                    {editing && <ActionIcon variant="subtle" size="sm" onClick={() => onEdit(p)} aria-label={`Edit ${p.title}`}><IconPencil size={14} /></ActionIcon>}
                    {editing && <ActionIcon variant="subtle" color="red" size="sm" onClick={() => onRemove(p)} aria-label={`Remove ${p.title}`}><IconTrash size={14} /></ActionIcon>}
                  </Group>
                </Group>
                <div style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
                  <PanelView panel={p} height={p.h * (ROW_HEIGHT + MARGIN) - MARGIN - 48} />
                </div>
              </Card>
            </div>
          ))}
        </ReactGridLayout>
      )}
    </div>
  );
}
