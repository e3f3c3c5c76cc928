/*
 * charges.c — the charge-category table of law.md §8: SPC charge names (罪名, as in
 * 最高人民法院、最高人民检察院 确定罪名的规定, through 刑法修正案(十二)) mapped to the categories
 * that matter for commutation and parole:
 *   violent            刑法第81条第2款 (also any charge with the organized_violence flag)
 *   duty               职务犯罪 (刑法分则第八章 贪污贿赂, 第九章 渎职, 国家工作人员利用职权
 *                      侵犯公民权利) — 减刑假释规定第7条
 *   financial          刑法分则第三章第四节 破坏金融管理秩序, 第五节 金融诈骗 — 第7条
 *   organised          黑社会性质组织犯罪 (刑法第294条) — 第7条; 刑法第66条
 *   national_security  刑法分则第一章 — 第7条; 刑法第66条
 *   terrorism          恐怖活动犯罪 (刑法第120条之一至之六) — 第7条; 刑法第66条
 *   drug               刑法分则第六章第七节 (strict only for group leaders / repeat offenders)
 *   negligent          过失犯罪 (刑法第15条) — excluded from recidivism (刑法第65条)
 * Names not in the table import with a warning and no category (law.md §8).
 */
#include "law/law.h"

#include <string.h>

#define V LAW_CAT_VIOLENT
#define D LAW_CAT_DUTY
#define F LAW_CAT_FINANCIAL
#define O LAW_CAT_ORGANISED
#define N LAW_CAT_NATIONAL_SECURITY
#define T LAW_CAT_TERRORISM
#define G LAW_CAT_DRUG
#define L LAW_CAT_NEGLIGENT

static const struct {
    const char *name;
    unsigned cats;
} charges[] = {
    /* 刑法第81条第2款 */
    {"故意杀人罪", V}, {"强奸罪", V}, {"抢劫罪", V}, {"绑架罪", V}, {"放火罪", V},
    {"爆炸罪", V}, {"投放危险物质罪", V},
    /* 职务犯罪: 贪污贿赂 (第八章) */
    {"贪污罪", D}, {"挪用公款罪", D}, {"受贿罪", D}, {"单位受贿罪", D},
    {"利用影响力受贿罪", D}, {"行贿罪", D}, {"对有影响力的人行贿罪", D}, {"对单位行贿罪", D},
    {"介绍贿赂罪", D}, {"单位行贿罪", D}, {"巨额财产来源不明罪", D}, {"隐瞒境外存款罪", D},
    {"私分国有资产罪", D}, {"私分罚没财物罪", D},
    /* 职务犯罪: 渎职 (第九章) */
    {"滥用职权罪", D}, {"玩忽职守罪", D | L}, {"故意泄露国家秘密罪", D},
    {"过失泄露国家秘密罪", D | L}, {"徇私枉法罪", D}, {"民事、行政枉法裁判罪", D},
    {"执行判决、裁定失职罪", D | L}, {"执行判决、裁定滥用职权罪", D}, {"枉法仲裁罪", D},
    {"私放在押人员罪", D}, {"失职致使在押人员脱逃罪", D | L},
    {"徇私舞弊减刑、假释、暂予监外执行罪", D}, {"徇私舞弊不移交刑事案件罪", D},
    {"滥用管理公司、证券职权罪", D}, {"徇私舞弊不征、少征税款罪", D},
    {"徇私舞弊发售发票、抵扣税款、出口退税罪", D},
    {"违法提供出口退税凭证罪", D}, {"国家机关工作人员签订、履行合同失职被骗罪", D | L},
    {"违法发放林木采伐许可证罪", D}, {"环境监管失职罪", D | L},
    {"食品、药品监管渎职罪", D}, {"传染病防治失职罪", D | L},
    {"非法批准征收、征用、占用土地罪", D}, {"非法低价出让国有土地使用权罪", D},
    {"放纵走私罪", D}, {"商检徇私舞弊罪", D}, {"商检失职罪", D | L},
    {"动植物检疫徇私舞弊罪", D}, {"动植物检疫失职罪", D | L},
    {"放纵制售伪劣商品犯罪行为罪", D}, {"办理偷越国（边）境人员出入境证件罪", D},
    {"放行偷越国（边）境人员罪", D}, {"不解救被拐卖、绑架妇女、儿童罪", D},
    {"阻碍解救被拐卖、绑架妇女、儿童罪", D}, {"帮助犯罪分子逃避处罚罪", D},
    {"招收公务员、学生徇私舞弊罪", D}, {"失职造成珍贵文物损毁、流失罪", D | L},
    {"刑讯逼供罪", D}, {"暴力取证罪", D}, {"虐待被监管人罪", D},
    {"国有公司、企业、事业单位人员失职罪", D | L},
    {"国有公司、企业、事业单位人员滥用职权罪", D},
    /* 破坏金融管理秩序 (第三章第四节) */
    {"伪造货币罪", F}, {"出售、购买、运输假币罪", F},
    {"金融工作人员购买假币、以假币换取货币罪", F}, {"持有、使用假币罪", F},
    {"变造货币罪", F}, {"擅自设立金融机构罪", F},
    {"伪造、变造、转让金融机构经营许可证、批准文件罪", F}, {"高利转贷罪", F},
    {"骗取贷款、票据承兑、金融票证罪", F}, {"非法吸收公众存款罪", F},
    {"伪造、变造金融票证罪", F}, {"妨害信用卡管理罪", F},
    {"窃取、收买、非法提供信用卡信息罪", F}, {"伪造、变造国家有价证券罪", F},
    {"伪造、变造股票、公司、企业债券罪", F}, {"擅自发行股票、公司、企业债券罪", F},
    {"内幕交易、泄露内幕信息罪", F}, {"利用未公开信息交易罪", F},
    {"编造并传播证券、期货交易虚假信息罪", F}, {"诱骗投资者买卖证券、期货合约罪", F},
    {"操纵证券、期货市场罪", F}, {"背信运用受托财产罪", F}, {"违法运用资金罪", F},
    {"违法发放贷款罪", F}, {"吸收客户资金不入帐罪", F}, {"吸收客户资金不入账罪", F},
    {"违规出具金融票证罪", F}, {"对违法票据承兑、付款、保证罪", F}, {"骗购外汇罪", F},
    {"逃汇罪", F}, {"洗钱罪", F},
    /* 金融诈骗 (第三章第五节) */
    {"集资诈骗罪", F}, {"贷款诈骗罪", F}, {"票据诈骗罪", F}, {"金融凭证诈骗罪", F},
    {"信用证诈骗罪", F}, {"信用卡诈骗罪", F}, {"有价证券诈骗罪", F}, {"保险诈骗罪", F},
    /* 黑社会性质组织 */
    {"组织、领导、参加黑社会性质组织罪", O}, {"入境发展黑社会组织罪", O},
    {"包庇、纵容黑社会性质组织罪", O},
    /* 危害国家安全 (第一章) */
    {"背叛国家罪", N}, {"分裂国家罪", N}, {"煽动分裂国家罪", N}, {"武装叛乱、暴乱罪", N},
    {"颠覆国家政权罪", N}, {"煽动颠覆国家政权罪", N}, {"资助危害国家安全犯罪活动罪", N},
    {"投敌叛变罪", N}, {"叛逃罪", N}, {"间谍罪", N},
    {"为境外窃取、刺探、收买、非法提供国家秘密、情报罪", N}, {"资敌罪", N},
    /* 恐怖活动 */
    {"组织、领导、参加恐怖组织罪", T}, {"帮助恐怖活动罪", T}, {"准备实施恐怖活动罪", T},
    {"宣扬恐怖主义、极端主义、煽动实施恐怖活动罪", T}, {"利用极端主义破坏法律实施罪", T},
    {"强制穿戴宣扬恐怖主义、极端主义服饰、标志罪", T},
    {"非法持有宣扬恐怖主义、极端主义物品罪", T},
    /* 毒品 (第六章第七节) */
    {"走私、贩卖、运输、制造毒品罪", G}, {"非法持有毒品罪", G}, {"包庇毒品犯罪分子罪", G},
    {"窝藏、转移、隐瞒毒品、毒赃罪", G}, {"非法生产、买卖、运输制毒物品、走私制毒物品罪", G},
    {"非法种植毒品原植物罪", G}, {"非法买卖、运输、携带、持有毒品原植物种子、幼苗罪", G},
    {"引诱、教唆、欺骗他人吸毒罪", G}, {"强迫他人吸毒罪", G}, {"容留他人吸毒罪", G},
    {"非法提供麻醉药品、精神药品罪", G}, {"妨害兴奋剂管理罪", G},
    /* 过失犯罪 */
    {"交通肇事罪", L}, {"过失致人死亡罪", L}, {"过失致人重伤罪", L}, {"重大责任事故罪", L},
    {"失火罪", L}, {"过失决水罪", L}, {"过失爆炸罪", L}, {"过失投放危险物质罪", L},
    {"过失以危险方法危害公共安全罪", L}, {"过失损坏交通工具罪", L},
    {"过失损坏交通设施罪", L}, {"过失损坏电力设备罪", L}, {"过失损坏易燃易爆设备罪", L},
    {"过失损坏广播电视设施、公用电信设施罪", L}, {"重大飞行事故罪", L},
    {"铁路运营安全事故罪", L}, {"重大劳动安全事故罪", L},
    {"大型群众性活动重大安全事故罪", L}, {"危险物品肇事罪", L}, {"工程重大安全事故罪", L},
    {"教育设施重大安全事故罪", L}, {"消防责任事故罪", L}, {"医疗事故罪", L},
    {"过失损毁文物罪", L},
    /* common charges without a category (known names: no import warning) */
    {"盗窃罪", 0}, {"诈骗罪", 0}, {"故意伤害罪", 0}, {"抢夺罪", 0}, {"敲诈勒索罪", 0},
    {"寻衅滋事罪", 0}, {"聚众斗殴罪", 0}, {"危险驾驶罪", 0}, {"职务侵占罪", 0},
    {"挪用资金罪", 0}, {"非国家工作人员受贿罪", 0}, {"对非国家工作人员行贿罪", 0},
    {"非法拘禁罪", 0}, {"开设赌场罪", 0}, {"赌博罪", 0}, {"组织卖淫罪", 0},
    {"强迫卖淫罪", 0}, {"协助组织卖淫罪", 0}, {"引诱、容留、介绍卖淫罪", 0},
    {"妨害公务罪", 0}, {"袭警罪", 0}, {"掩饰、隐瞒犯罪所得、犯罪所得收益罪", 0},
    {"帮助信息网络犯罪活动罪", 0}, {"非法利用信息网络罪", 0}, {"非法经营罪", 0},
    {"合同诈骗罪", 0}, {"虚开增值税专用发票、用于骗取出口退税、抵扣税款发票罪", 0},
    {"虚开发票罪", 0}, {"逃税罪", 0}, {"走私普通货物、物品罪", 0},
    {"生产、销售伪劣产品罪", 0}, {"生产、销售有毒、有害食品罪", 0},
    {"生产、销售、提供假药罪", 0}, {"故意毁坏财物罪", 0}, {"破坏生产经营罪", 0},
    {"非法持有、私藏枪支、弹药罪", 0}, {"非法制造、买卖、运输、邮寄、储存枪支、弹药、爆炸物罪", 0},
    {"以危险方法危害公共安全罪", 0}, {"破坏交通工具罪", 0}, {"破坏电力设备罪", 0},
    {"猥亵儿童罪", 0}, {"强制猥亵、侮辱罪", 0}, {"负有照护职责人员性侵罪", 0},
    {"拐卖妇女、儿童罪", 0}, {"收买被拐卖的妇女、儿童罪", 0}, {"侵犯公民个人信息罪", 0},
    {"污染环境罪", 0}, {"非法采矿罪", 0}, {"滥伐林木罪", 0}, {"盗伐林木罪", 0},
    {"非法狩猎罪", 0}, {"非法捕捞水产品罪", 0}, {"危害珍贵、濒危野生动物罪", 0},
    {"非法占用农用地罪", 0}, {"拒不执行判决、裁定罪", 0}, {"拒不支付劳动报酬罪", 0},
    {"伪证罪", 0}, {"窝藏、包庇罪", 0}, {"脱逃罪", 0}, {"组织、领导传销活动罪", 0},
    {"非法侵入住宅罪", 0}, {"侵占罪", 0}, {"重婚罪", 0}, {"虐待罪", 0}, {"遗弃罪", 0},
    {"侮辱罪", 0}, {"诽谤罪", 0}, {"聚众扰乱社会秩序罪", 0}, {"聚众扰乱公共场所秩序、交通秩序罪", 0},
    {"伪造、变造、买卖国家机关公文、证件、印章罪", 0}, {"伪造公司、企业、事业单位、人民团体印章罪", 0},
    {"伪造、变造、买卖身份证件罪", 0}, {"使用虚假身份证件、盗用身份证件罪", 0},
    {"组织他人偷越国（边）境罪", 0}, {"偷越国（边）境罪", 0}, {"招摇撞骗罪", 0},
    {"冒充军人招摇撞骗罪", 0}, {"非法采伐、毁坏国家重点保护植物罪", 0}, {"高空抛物罪", 0},
    {"妨害安全驾驶罪", 0}, {"危险作业罪", 0}, {"传授犯罪方法罪", 0}, {"组织考试作弊罪", 0}, {"非法集会、游行、示威罪", 0},
};

#undef V
#undef D
#undef F
#undef O
#undef N
#undef T
#undef G
#undef L

static const size_t n_charges = sizeof charges / sizeof charges[0];

unsigned law_charge_category(const char *name, bool *known)
{
    if (known)
        *known = false;
    if (!name)
        return 0;
    while (*name == ' ' || *name == '\t')
        name++;
    size_t n = strlen(name);
    while (n && (name[n - 1] == ' ' || name[n - 1] == '\t' || name[n - 1] == '\r'))
        n--;
    for (size_t i = 0; i < n_charges; i++) {
        if (strlen(charges[i].name) == n && !memcmp(charges[i].name, name, n)) {
            if (known)
                *known = true;
            return charges[i].cats;
        }
    }
    return 0;
}

unsigned law_charges_category(const char *list, int *unknown)
{
    unsigned cats = 0, all = ~0u;
    int n_items = 0;
    char item[256];
    if (unknown)
        *unknown = 0;
    if (!list)
        return 0;
    const char *p = list;
    for (;;) {
        const char *e = strchr(p, ';');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n >= sizeof item)
            n = sizeof item - 1;
        memcpy(item, p, n);
        item[n] = '\0';
        const char *s = item;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s) {
            bool known;
            unsigned c = law_charge_category(s, &known);
            cats |= c;
            all &= c;
            n_items++;
            if (!known && unknown)
                (*unknown)++;
        }
        if (!e)
            break;
        p = e + 1;
    }
    /* negligent only when every charge is (刑法第65条: a judgment with an intentional
     * charge is an intentional crime for recidivism) */
    if (!n_items || !(all & LAW_CAT_NEGLIGENT))
        cats &= ~(unsigned)LAW_CAT_NEGLIGENT;
    return cats;
}

static const struct {
    unsigned bit;
    const char *id, *label;
} cat_names[] = {
    {LAW_CAT_VIOLENT, "violent", "暴力性犯罪"},
    {LAW_CAT_DUTY, "duty", "职务犯罪"},
    {LAW_CAT_FINANCIAL, "financial", "破坏金融管理秩序和金融诈骗犯罪"},
    {LAW_CAT_ORGANISED, "organised", "黑社会性质组织犯罪"},
    {LAW_CAT_NATIONAL_SECURITY, "national_security", "危害国家安全犯罪"},
    {LAW_CAT_TERRORISM, "terrorism", "恐怖活动犯罪"},
    {LAW_CAT_DRUG, "drug", "毒品犯罪"},
    {LAW_CAT_NEGLIGENT, "negligent", "过失犯罪"},
};

const char *law_charge_cat_id(unsigned bit)
{
    for (size_t i = 0; i < sizeof cat_names / sizeof cat_names[0]; i++)
        if (cat_names[i].bit == bit)
            return cat_names[i].id;
    return "";
}

const char *law_charge_cat_label(unsigned bit)
{
    for (size_t i = 0; i < sizeof cat_names / sizeof cat_names[0]; i++)
        if (cat_names[i].bit == bit)
            return cat_names[i].label;
    return "";
}

size_t law_charge_table_size(void)
{
    return n_charges;
}

const char *law_charge_table_name(size_t i, unsigned *cats)
{
    if (i >= n_charges)
        return NULL;
    if (cats)
        *cats = charges[i].cats;
    return charges[i].name;
}
