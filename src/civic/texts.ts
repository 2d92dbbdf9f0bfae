import { civicTextSpec, civicTextsFile, type CivicTexts } from './civic-texts.js';
import { loadTextFile } from '../texts/text-spec.js';

export { fill } from '../texts/text-spec.js';

/**
 * The civic words (status labels, refusals, system notes), read once when the service starts from
 * flows/civic.zh-CN.yaml. A missing key or a bad placeholder throws here, naming the file and the
 * key, so the service does not start with a hole in what residents read.
 */
export const civicTexts: CivicTexts = loadTextFile(civicTextSpec, civicTextsFile);
