/**
 * @module parsers/huawei
 * Huawei VRP / USG `%%01MODULE/SEVERITY/MNEMONIC` messages.
 */
import type { Parser } from '../types.ts';
import { looksLikeHuawei, parseHuawei } from './parse-huawei.ts';

export { parseHuawei } from './parse-huawei.ts';

/** The Huawei VRP / USG parser (dataset `huawei.vrp`). */
export const huaweiParser: Parser = {
  name: 'huawei',
  priority: 75,
  datasets: ['huawei.vrp'],
  detect: (line, ctx) => looksLikeHuawei(line) || (ctx?.envelope !== undefined && looksLikeHuawei(ctx.envelope.content)),
  parse: (line, ctx) => parseHuawei(line, ctx) ?? (ctx.envelope ? parseHuawei(ctx.envelope.content, ctx) : null),
};
