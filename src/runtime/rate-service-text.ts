import { menuLink } from '../engine/menu-link.js';
import type { BotTexts } from './bot-texts.js';

/**
 * 请为本次人工服务评价, with its answers as taps: 1 满意, 2 基本满意, 3 不满意, each sending its number
 * (a rating word of config/handoff.yaml); a client without taps shows the lines, and the number typed works.
 */
export const rateServiceText = (texts: BotTexts): string =>
  [texts.rateService, menuLink('1', 1, texts.rateSatisfied), menuLink('2', 2, texts.rateFair), menuLink('3', 3, texts.rateUnsatisfied)].join('\n');
