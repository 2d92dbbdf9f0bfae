import { loadTextFile } from '../texts/text-spec.js';
import { publicTextSpec, publicTextsFile, type PublicTexts } from './public-texts.js';

export { fill } from '../texts/text-spec.js';

/**
 * The words of the public pages, read once when the service starts from flows/public.zh-CN.yaml;
 * a missing key or a bad placeholder throws here, naming the file and the key.
 */
export const publicTexts: PublicTexts = loadTextFile(publicTextSpec, publicTextsFile);
