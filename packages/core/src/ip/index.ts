/** @module ip */
export * from './ip-address.ts';
