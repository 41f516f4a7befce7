/**
 * @module sigma/modifiers/builtin
 * The built-in modifier registry: one line per modifier (pySigma's `modifier_mapping`). Pass a
 * registry to the converter as a value; extend it by spreading this one.
 */
import type { SigmaModifier } from './modifier.ts';
import { contains, endswith, startswith } from './string-position.ts';
import { base64Modifier, base64offset, utf16be, utf16le, wide } from './encoding.ts';
import { windash } from './windash.ts';
import { dotall, ignorecase, multiline, re } from './regex.ts';
import { all, cased, cidr, exists, fieldref, gt, gte, lt, lte } from './typed.ts';
import { expand } from './expand.ts';

/** Modifier name -> modifier. */
export type ModifierRegistry = Readonly<Record<string, SigmaModifier>>;

export const BUILTIN_MODIFIERS: ModifierRegistry = {
  contains,
  startswith,
  endswith,
  all,
  base64: base64Modifier,
  base64offset,
  utf16le,
  utf16be,
  utf16: utf16le,
  wide,
  windash,
  re,
  i: ignorecase,
  ignorecase,
  m: multiline,
  multiline,
  s: dotall,
  dotall,
  cidr,
  exists,
  cased,
  lt,
  lte,
  gt,
  gte,
  fieldref,
  expand,
};
