/**
 * @module parsers/hadoop
 * Hadoop (HDFS DataNode / NameNode) daemon logs.
 */
import type { Parser } from '../types.ts';
import { looksLikeHadoop, parseHadoop } from './parse-hadoop.ts';

export { parseHadoop } from './parse-hadoop.ts';

/** The Hadoop log parser (dataset `hadoop.hdfs`). */
export const hadoopParser: Parser = {
  name: 'hadoop',
  priority: 5,
  datasets: ['hadoop.hdfs'],
  detect: looksLikeHadoop,
  parse: parseHadoop,
};
