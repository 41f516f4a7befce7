/**
 * @module route-tree
 * Pure helpers of the routing tree editor: nodes are addressed by their path as the server names it
 * (`""` the root, `routes[2].routes[0]` a nested route); edits return a new tree. The server's problems
 * (`routes[2].routes[0].match: …`) are sorted to the node and field they name. The raw view converts
 * the tree to JSON or YAML and back.
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { RouteNode } from '@vigil/contracts';

/** One problem as the server reports it (`details.problems`). */
export interface TreeProblem {
  path: string;
  message: string;
}

/** The child indexes along a node path: `routes[2].routes[0]` → [2, 0]. */
export function pathIndexes(path: string): number[] {
  return [...path.matchAll(/routes\[(\d+)\]/g)].map((m) => Number(m[1]));
}

/** The path of a node from its child indexes. */
export function indexesPath(indexes: readonly number[]): string {
  return indexes.map((i) => `routes[${i}]`).join('.');
}

/** The node at `path`, or undefined. */
export function nodeAt(tree: RouteNode, path: string): RouteNode | undefined {
  let node: RouteNode | undefined = tree;
  for (const i of pathIndexes(path)) node = node?.routes?.[i];
  return node;
}

/** A new tree with the node at `path` replaced by `fn(node)`. */
export function updateNode(tree: RouteNode, path: string, fn: (node: RouteNode) => RouteNode): RouteNode {
  const walk = (node: RouteNode, rest: number[]): RouteNode => {
    if (!rest.length) return fn(node);
    const [i, ...more] = rest as [number, ...number[]];
    const routes = [...(node.routes ?? [])];
    routes[i] = walk(routes[i]!, more);
    return { ...node, routes };
  };
  return walk(tree, pathIndexes(path));
}

/** Sets one option of a node; an empty string or list removes it (inherited again). */
export function setOption<K extends keyof RouteNode>(node: RouteNode, key: K, value: RouteNode[K] | undefined): RouteNode {
  const next = { ...node };
  const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (empty) delete next[key];
  else next[key] = value;
  return next;
}

/** Appends an empty child route to the node at `path`. */
export function addChild(tree: RouteNode, path: string): RouteNode {
  return updateNode(tree, path, (n) => ({ ...n, routes: [...(n.routes ?? []), { match: '' }] }));
}

/** Removes the node at `path` (not the root). */
export function removeNode(tree: RouteNode, path: string): RouteNode {
  const idx = pathIndexes(path);
  if (!idx.length) return tree;
  const last = idx[idx.length - 1]!;
  return updateNode(tree, indexesPath(idx.slice(0, -1)), (n) => {
    const { routes: before, ...rest } = n;
    const routes = (before ?? []).filter((_, i) => i !== last);
    return routes.length ? { ...rest, routes } : rest;
  });
}

/** Moves the node at `path` one place up (-1) or down (+1) among its siblings. */
export function moveNode(tree: RouteNode, path: string, by: -1 | 1): RouteNode {
  const idx = pathIndexes(path);
  if (!idx.length) return tree;
  const from = idx[idx.length - 1]!;
  return updateNode(tree, indexesPath(idx.slice(0, -1)), (n) => {
    const routes = [...(n.routes ?? [])];
    const to = from + by;
    if (to < 0 || to >= routes.length) return n;
    [routes[from], routes[to]] = [routes[to]!, routes[from]!];
    return { ...n, routes };
  });
}

/** Splits a problem path into the node it is in and the option it names (`""` for the node itself). */
export function problemLocation(path: string): { node: string; field: string } {
  const m = /^((?:routes\[\d+\])(?:\.routes\[\d+\])*)?\.?(.*)$/.exec(path);
  const node = m?.[1] ?? '';
  const rest = m?.[2] ?? '';
  return { node, field: rest.replace(/\[\d+\].*$/, '').replace(/\..*$/, '') };
}

/** Problems grouped by the node they are in. */
export function problemsByNode(problems: readonly TreeProblem[]): Map<string, { field: string; message: string }[]> {
  const out = new Map<string, { field: string; message: string }[]>();
  for (const p of problems) {
    const { node, field } = problemLocation(p.path);
    const list = out.get(node) ?? [];
    list.push({ field, message: p.message });
    out.set(node, list);
  }
  return out;
}

/** The problems of a failed save: `details.problems`, or the one `details.field` names. */
export function problemsOf(details: unknown, message: string): TreeProblem[] {
  const d = details as { problems?: unknown; field?: unknown } | undefined;
  if (Array.isArray(d?.problems)) return (d.problems as TreeProblem[]).filter((p) => typeof p?.path === 'string' && typeof p?.message === 'string');
  if (typeof d?.field === 'string') return [{ path: d.field, message: message.startsWith(`${d.field} `) ? message.slice(d.field.length + 1) : message }];
  return [];
}

/** Raw text formats of the tree. */
export type RawFormat = 'json' | 'yaml';

/** The tree as JSON or YAML text. */
export function treeToText(tree: RouteNode, format: RawFormat): string {
  return format === 'json' ? `${JSON.stringify(tree, null, 2)}\n` : stringifyYaml(tree);
}

/** Parses JSON or YAML text into a tree; throws an Error with a readable message when it is not one. */
export function textToTree(text: string, format: RawFormat): RouteNode {
  let value: unknown;
  try {
    value = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new Error(`Not valid ${format.toUpperCase()}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('The tree must be an object (the root route).');
  return value as RouteNode;
}

/** Every node's path, depth first (the root first). */
export function nodePaths(tree: RouteNode, base = ''): string[] {
  return [base, ...(tree.routes ?? []).flatMap((c, i) => nodePaths(c, base ? `${base}.routes[${i}]` : `routes[${i}]`))];
}
