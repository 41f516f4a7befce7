/**
 * @module api/alert-links
 * Contracts of `/api/v1/alert-links/{id}/{action}`: the signed, expiring acknowledge and resolve
 * links in notifications. Public (the signature is the credential): `GET` answers a confirmation
 * page, so link scanners and chat previews change nothing; its form `POST`s to the same URL, which
 * acts and answers a result page.
 */
import Type, { type Static } from 'typebox';
import { Content, StringEnum, operation } from './common.ts';

/** The path of a link. */
export const AlertLinkParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 128, description: 'The alert id' }),
  action: StringEnum(['ack', 'resolve'] as const),
});
export type AlertLinkParams = Static<typeof AlertLinkParams>;

/** The query of a link (all three are part of what is signed). */
export const AlertLinkQuery = Type.Object({
  tenant: Type.String({ minLength: 1, maxLength: 128 }),
  exp: Type.Integer({ minimum: 0, description: 'Expiry, seconds since the epoch' }),
  sig: Type.String({ minLength: 1, maxLength: 128, description: 'base64url HMAC-SHA256' }),
});
export type AlertLinkQuery = Static<typeof AlertLinkQuery>;

const page = Content({ 'text/html': Type.String() }, 'A small HTML page');

/** The operations of `/api/v1/alert-links`. */
export const alertLinksApi = {
  confirm: operation({ tags: ['alerts'], summary: 'The confirmation page of a signed acknowledge/resolve link (changes nothing)', params: AlertLinkParams, querystring: AlertLinkQuery, response: { 200: page }, errors: [403] }),
  act: operation({ tags: ['alerts'], summary: 'Acknowledge or resolve the alert of a signed link', params: AlertLinkParams, querystring: AlertLinkQuery, response: { 200: page }, errors: [403, 409] }),
};
