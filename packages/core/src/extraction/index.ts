export * from './extraction-rule.ts';
