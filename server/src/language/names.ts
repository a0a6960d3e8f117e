// Linguistic material for recognising people's names in Chinese news text: surnames, the titles
// and roles that introduce a name, the verbs that follow a speaker, and the bylines' role words.
// These are general lists of the language (not of any page); the recogniser in entities.ts
// combines them with jieba's segmentation and with what else the page says.

/**
 * Single-character surnames: the ~330 most frequent Han surnames (which cover well over 99% of
 * the population). Surnames that are far more often an ordinary function or
 * word-initial character (`和`, `但`, `由`, `都`, `时`, `全`, `向`, `国`, `海`, `农`…) are left out: each of
 * them would make many ordinary words look like names, for very few real names gained.
 */
export const SURNAMES = new Set([...(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤' +
  '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝郜阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿狄计索宣晋初门云容敬扈晁芮普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅於呼居揭干尉冶斯束檀昝奉富尧闭'
)]);

/** Two-character surnames; tried before single ones (`欧阳`, not `欧` + `阳…`). */
export const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '司徒', '夏侯', '长孙',
  '宇文', '轩辕', '澹台', '呼延', '端木', '南宫', '万俟', '闻人', '申屠', '独孤', '西门', '百里', '东郭',
]);

/**
 * Titles and roles that, printed right before a name, introduce it (`书记袁聚平`, `记者段美如`,
 * `村民米亚楠`). Matched as the end of the text before the name, longest first.
 */
export const TITLES = [
  // party and government posts
  '第一书记', '副书记', '书记', '支书', '常委', '委员', '主任', '主席', '部长', '厅长', '局长', '处长', '科长', '股长',
  '省长', '市长', '县长', '区长', '镇长', '乡长', '村长', '组长', '队长', '站长', '所长', '院长', '校长', '馆长',
  '团长', '班长', '行长', '庭长', '会长', '社长', '理事长', '秘书长', '网格长', '检察长', '政委',
  // companies
  '董事长', '总经理', '经理', '总裁', '总监', '厂长', '主管', '负责人', '创始人', '法人代表',
  // professions and people in the news
  '记者', '通讯员', '编辑', '校对', '组版', '摄影', '教授', '老师', '教师', '医生', '护士', '律师', '法官', '检察官',
  '干警', '民警', '辅警', '警官', '工程师', '技术员', '专家', '网格员', '志愿者', '党员', '村民', '居民', '群众', '农民',
  '代表', '领导', '同志', '工人', '职工', '学生', '村医', '能手', '主播', '作家', '画家', '书法家',
].sort((a, b) => b.length - a.length);

/** Role words that start a byline piece (`本报记者 李英俊`, `通讯员 韩晓红 王柳`, `编辑:金桂香`). */
export const BYLINE_ROLES = /^(?:本报|本刊|新华社|特约|实习|见习|首席)*(?:记者|通讯员|实习生|编辑|校对|组版|美编|摄影|撰稿|责编|审读|值班编辑)[:：]?/;

/** What may close a byline: `X 摄`, `文/图`, `报道`. */
export const BYLINE_TAILS = new Set(['摄', '文', '图', '文/图', '文／图', '摄影', '报道', '整理', '供图', '文图']);

/**
 * Verbs that follow a speaker or actor right after the name (`王新峰说`, `袁聚平指出`). A
 * surname-initial word followed by one of these, at a clause start, is taken as a name.
 */
export const SPEECH_VERBS = [
  '说', '表示', '指出', '强调', '要求', '介绍', '告诉', '认为', '坦言', '感慨', '透露', '称', '笑着说', '提出', '主持', '讲话',
  '回忆', '解释', '建议', '希望', '谈到', '说道', '补充', '直言', '一行',
];

/**
 * Characters that never continue a given name: particles, conjunctions, prepositions and the
 * like. `李猛及各镇` ends the name before `及`; `王超、` before the comma.
 */
export const NOT_IN_GIVEN_NAME = new Set([...'的了在是和与及等说也都就并把被对从向给为到由将已还又或而但之其这那该每各所以于着过吗呢吧啊年月日时户']);

/**
 * Last characters that mark a word as a place or an organisation rather than a name
 * (`王庄`, `张老湾村`, `李村`, `刘集`): a candidate ending (or followed) by one of them is no person.
 */
export const PLACE_OR_ORG_FINALS = new Set([...'村庄镇乡县市区省屯寨营堡沟湾店集社局厂所院部委办站队组会街路巷港桥坡岭园']);

/** Generic modifiers of `村`/`社区` that name no particular village (`行政村`, `示范村`). */
export const GENERIC_VILLAGE_WORDS = new Set([
  '行政', '示范', '试点', '精品', '自然', '贫困', '重点', '特色', '先进', '文明', '美丽', '周边', '邻近', '相邻', '派驻',
  '帮扶', '联系', '产业', '专业', '生态', '旅游', '传统', '城中', '空心', '易地', '搬迁', '脱贫', '薄弱', '软弱', '涣散',
  '后进', '样板', '标杆', '明星', '五星', '三星', '四星', '星级', '宜居', '和美', '农业', '纯农', '中心', '偏远', '边远',
  '所在', '所属', '兄弟', '结对', '共建', '老区', '滩区', '山区', '库区', '平原', '沿黄', '临近', '全国', '全省', '全市',
  '全县', '全镇', '全乡', '整', '本', '该', '全', '各', '每', '此', '邻', '他', '外', '别', '小', '大', '老', '新', '农', '乡',
  '山', '渔', '驻', '入', '进', '出', '回', '返', '到', '离', '留', '住', '建', '强', '富', '美', '弱', '穷', '分', '子',
]);
