/**
 * What Chinese-speaking users pick as passwords that the English and common dictionaries of
 * zxcvbn-ts miss (there is no zh package): pinyin of love phrases and their number codes, the
 * commonest surnames and full names, places and words of this service. zxcvbn also matches them
 * inside longer passwords (zhangwei1988, woaini5201314) and in l33t or reversed form.
 */
export const ZH_GUESSABLE: readonly string[] = [
  // 我爱你, 一生一世 …
  'woaini', 'aini', 'woaini1314', '5201314', '1314520', '520520', '1314', '521521', 'iloveyou', 'wodemima', 'mima', 'yisheng',
  'yishengyishi', 'xingfu', 'kuaile', 'tianshi', 'baobei', 'laopo', 'laogong', 'qinai', 'meimei', 'gege', 'jiejie', 'didi',
  'qq123456', 'a123456', 'abc123456', 'a5201314', 'woshishui', 'nihao', 'zhongguo', 'china', 'zhonghua', 'huanying',
  // surnames and the commonest full names
  'wang', 'zhang', 'li', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he',
  'gao', 'lin', 'luo', 'zheng', 'liang', 'xie', 'song', 'tang', 'deng', 'han', 'feng', 'cao', 'peng', 'zeng', 'xiao', 'tian',
  'dong', 'pan', 'yuan', 'cai', 'jiang', 'yu', 'du', 'ye', 'cheng', 'wei', 'su', 'lv', 'ding', 'ren', 'lu', 'yao', 'shen',
  'zhangwei', 'wangwei', 'wangfang', 'liwei', 'lina', 'zhangmin', 'lijing', 'wangjing', 'liuwei', 'wangxiuying', 'zhangli',
  'zhangjing', 'liqiang', 'wangmin', 'lijun', 'zhangyong', 'wangyong', 'liuyang', 'wangyan', 'liyan', 'zhangyan', 'wangjun',
  'lixiuying', 'zhangxiuying', 'wangqiang', 'wangli', 'zhanglei', 'wanglei', 'lilei', 'liuli', 'chenjing', 'wangping',
  // this service and its places
  'minsheng', 'weishishi', 'minshengweishishi', 'shequ', 'jiedao', 'zhengfu', 'gongzuo', 'guanliyuan', 'admin', 'administrator',
  'shenzhen', 'nanshan', 'nantou', 'nantoucheng', 'beijing', 'shanghai', 'guangzhou', 'guangdong', 'wechat', 'weixin',
];
