#include "modules/cases/form_templates.hpp"

namespace jieli::cases {
namespace {

constexpr const char* kIntakeTemplate = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "x-stage": "intake",
  "title": "接案表", "x-title-en": "Intake form",
  "description": "记录服务对象的来源、求助问题、紧急程度和接案决定。", "x-description-en": "Where the client came from, the problem they ask help for, how urgent it is and the intake decision.",
  "type": "object",
  "properties": {
    "source": {
      "title": "案主来源", "x-title-en": "Intake channel", "description": "服务对象是通过什么途径来到本机构的。", "x-description-en": "How the client came to this organisation.",
      "type": "string",
      "enum": ["walk_in", "phone", "hotline", "booking", "followup", "referral_in", "outreach", "assigned"],
      "x-enum-labels": ["主动求助（来访）", "电话求助", "热线来电", "网上预约", "回访发现新需求", "转介转入", "外展发现", "上级交办"],
      "x-enum-labels-en": ["Walk-in", "Phone request", "Hotline call", "Online booking", "New needs found at a follow-up", "Referred in", "Found by outreach", "Assigned by higher authority"]
    },
    "referral_from": {
      "title": "转介来源", "x-title-en": "Referred by", "description": "转介转入时，转出机构或部门的名称。", "x-description-en": "When referred in: the referring organisation or department.",
      "type": "string", "maxLength": 200
    },
    "client_snapshot": {
      "title": "服务对象基本情况", "x-title-en": "Client details", "description": "接案时服务对象的基本信息，自动取自服务对象档案，可补充修改。", "x-description-en": "The client's details at intake, taken from the client's record; add or correct them here.",
      "type": "object",
      "properties": {
        "name": {"title": "姓名", "x-title-en": "Name", "description": "服务对象姓名。", "x-description-en": "The client's name.", "type": "string", "maxLength": 50, "x-prefill": "client.name"},
        "gender": {"title": "性别", "x-title-en": "Gender", "description": "服务对象性别。", "x-description-en": "The client's gender.", "type": "string", "enum": ["male", "female", "other", "unknown"], "x-enum-labels": ["男", "女", "其他", "未知"], "x-enum-labels-en": ["Male", "Female", "Other", "Unknown"], "x-prefill": "client.gender"},
        "birth_date": {"title": "出生日期", "x-title-en": "Date of birth", "description": "服务对象出生日期。", "x-description-en": "The client's date of birth.", "type": "string", "format": "date", "x-prefill": "client.birth_date"},
        "categories": {
          "title": "服务对象类别", "x-title-en": "Client categories", "description": "如老年人、残疾人、儿童、低保等。", "x-description-en": "Such as older person, person with a disability, child, minimum living allowance.",
          "type": "array", "maxItems": 20, "x-prefill": "client.categories",
          "items": {"title": "类别", "x-title-en": "Category", "description": "一个服务对象类别。", "x-description-en": "One client category.", "type": "string", "maxLength": 50}
        },
        "address": {"title": "住址", "x-title-en": "Address", "description": "服务对象现住址。", "x-description-en": "Where the client lives now.", "type": "string", "maxLength": 200, "x-prefill": "client.address"},
        "phone": {"title": "联系电话", "x-title-en": "Contact phone", "description": "与服务对象联系的电话。", "x-description-en": "A phone number to reach the client.", "type": "string", "maxLength": 30},
        "education": {
          "title": "文化程度", "x-title-en": "Education", "description": "服务对象的最高学历。", "x-description-en": "The client's highest level of education.",
          "type": "string",
          "enum": ["none", "primary", "junior_high", "senior_high", "college", "bachelor", "postgraduate"],
          "x-enum-labels": ["未上学", "小学", "初中", "高中/中专", "大专", "本科", "研究生及以上"],
          "x-enum-labels-en": ["No schooling", "Primary school", "Junior secondary", "Senior secondary or vocational", "Junior college", "Bachelor's degree", "Postgraduate"]
        },
        "marital_status": {
          "title": "婚姻状况", "x-title-en": "Marital status", "description": "服务对象目前的婚姻状况。", "x-description-en": "The client's current marital status.",
          "type": "string",
          "enum": ["single", "married", "divorced", "widowed", "other"],
          "x-enum-labels": ["未婚", "已婚", "离异", "丧偶", "其他"],
          "x-enum-labels-en": ["Single", "Married", "Divorced", "Widowed", "Other"]
        },
        "employment_status": {
          "title": "就业状况", "x-title-en": "Employment status", "description": "服务对象目前的就业状况。", "x-description-en": "The client's current employment status.",
          "type": "string",
          "enum": ["employed", "flexible", "unemployed", "retired", "student", "unable"],
          "x-enum-labels": ["在职", "灵活就业", "失业/待业", "退休", "在学", "无劳动能力"],
          "x-enum-labels-en": ["Employed", "Casual or gig work", "Unemployed", "Retired", "In education", "Unable to work"]
        },
        "income_status": {
          "title": "收入状况", "x-title-en": "Income status", "description": "服务对象（家庭）的经济来源与收入水平。", "x-description-en": "The client's (household's) sources and level of income.",
          "type": "string",
          "enum": ["none", "subsistence", "low", "moderate", "adequate"],
          "x-enum-labels": ["无固定收入", "依靠低保/特困供养", "低收入", "一般", "较好"],
          "x-enum-labels-en": ["No regular income", "Minimum living allowance or extreme-poverty support", "Low income", "Average", "Comfortable"]
        }
      }
    },
    "presenting_problem": {
      "title": "求助问题", "x-title-en": "Presenting problem", "description": "服务对象自述或转介方陈述的主要问题（呈现问题）。", "x-description-en": "The main problem as the client or the referrer tells it (the presenting problem).",
      "type": "string", "maxLength": 2000
    },
    "client_expectations": {
      "title": "服务对象的期望", "x-title-en": "Client's expectations", "description": "服务对象本人希望通过服务得到什么改变或帮助。", "x-description-en": "What change or help the client hopes the service will bring.",
      "type": "string", "maxLength": 2000
    },
    "urgency": {
      "title": "紧急程度", "x-title-en": "Urgency", "description": "危机个案进入快速通道，须在规定时限内首次接触。", "x-description-en": "Crisis cases take the fast track: first contact within the set time.",
      "type": "string",
      "enum": ["normal", "urgent", "crisis"],
      "x-enum-labels": ["一般", "紧急", "危机"],
      "x-enum-labels-en": ["Ordinary", "Urgent", "Crisis"]
    },
    "eligibility": {
      "title": "接案资格审核", "x-title-en": "Eligibility check", "description": "服务对象的情况是否在本机构的服务范围和条件之内。", "x-description-en": "Whether the client's situation is within this organisation's services and criteria.",
      "type": "object",
      "properties": {
        "result": {
          "title": "审核结果", "x-title-en": "Result", "description": "是否符合本机构的接案条件。", "x-description-en": "Whether the client meets this organisation's intake criteria.",
          "type": "string",
          "enum": ["eligible", "not_eligible", "to_verify"],
          "x-enum-labels": ["符合", "不符合", "待核实"],
          "x-enum-labels-en": ["Eligible", "Not eligible", "To be verified"]
        },
        "basis": {"title": "审核依据", "x-title-en": "Basis", "description": "依据的服务范围、对象条件或政策。", "x-description-en": "The service scope, client criteria or policy the decision rests on.", "type": "string", "maxLength": 1000}
      }
    },
    "consent": {
      "title": "知情同意与保密说明", "x-title-en": "Informed consent and confidentiality", "description": "向服务对象说明服务内容、双方权利义务和保密原则（及其例外）的情况。", "x-description-en": "How the service, the rights and duties of both sides and confidentiality (and its limits) were explained to the client.",
      "type": "object",
      "properties": {
        "informed_consent": {"title": "已告知并取得知情同意", "x-title-en": "Informed consent obtained", "description": "已说明服务内容、方式和服务对象的权利，服务对象同意接受服务。", "x-description-en": "The service, its methods and the client's rights were explained; the client agrees to the service.", "type": "boolean"},
        "confidentiality": {"title": "已说明保密原则", "x-title-en": "Confidentiality explained", "description": "已说明保密原则及其例外（如危及生命安全时须通报）。", "x-description-en": "Confidentiality and its limits were explained (e.g. a threat to life must be reported).", "type": "boolean"},
        "date": {"title": "告知日期", "x-title-en": "Date informed", "description": "说明知情同意和保密原则的日期。", "x-description-en": "The date informed consent and confidentiality were explained.", "type": "string", "format": "date"},
        "method": {
          "title": "告知方式", "x-title-en": "How informed", "description": "以什么方式告知并确认。", "x-description-en": "How the client was told and how they confirmed.",
          "type": "string",
          "enum": ["signed", "verbal", "guardian"],
          "x-enum-labels": ["书面签署", "口头告知", "向监护人告知"],
          "x-enum-labels-en": ["Signed in writing", "Told verbally", "Guardian informed"]
        }
      }
    },
    "decision": {
      "title": "接案决定", "x-title-en": "Intake decision", "description": "接案、转介至其他机构，或不予接案。", "x-description-en": "Accept the case, refer to another organisation, or decline.",
      "type": "string",
      "enum": ["accept", "refer_out", "decline"],
      "x-enum-labels": ["接案", "转介", "不予接案"],
      "x-enum-labels-en": ["Accept", "Refer elsewhere", "Decline"]
    },
    "decline_reason": {
      "title": "不予接案原因", "x-title-en": "Reason for declining", "description": "选择“不予接案”时必填。", "x-description-en": "Required when the decision is \"Decline\".",
      "type": "string", "maxLength": 1000,
      "x-required-if": {"decision": "decline"}
    },
    "refer_out_to": {
      "title": "转介至", "x-title-en": "Referred to", "description": "选择“转介”时必填：接收机构或服务的名称。", "x-description-en": "Required when the decision is \"Refer elsewhere\": the receiving organisation or service.",
      "type": "string", "maxLength": 200,
      "x-required-if": {"decision": "refer_out"}
    }
  },
  "required": ["source", "presenting_problem", "urgency", "decision"]
})json";

constexpr const char* kAssessmentTemplate = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "x-stage": "assessment",
  "title": "预估表", "x-title-en": "Assessment form",
  "description": "界定问题，分析原因与后果，评估需求、优势和风险。", "x-description-en": "Define the problem, analyse its causes and consequences, and assess needs, strengths and risks.",
  "type": "object",
  "properties": {
    "methods": {
      "title": "预估方法", "x-title-en": "Assessment methods", "description": "收集资料所用的方法，可多选。", "x-description-en": "How the information was gathered; choose any number.",
      "type": "array", "maxItems": 10,
      "items": {
        "title": "方法", "x-title-en": "Method", "description": "一种预估方法。", "x-description-en": "One assessment method.",
        "type": "string",
        "enum": ["interview", "home_visit", "collateral", "standard_scale", "observation", "records"],
        "x-enum-labels": ["面谈", "家访", "旁证访谈（向家属、邻里、相关机构了解）", "标准化量表", "观察", "查阅档案资料"],
        "x-enum-labels-en": ["Interview", "Home visit", "Collateral interviews (family, neighbours, other agencies)", "Standard scales", "Observation", "Review of records"]
      }
    },
    "info_sources": {
      "title": "资料来源", "x-title-en": "Information sources", "description": "预估资料来自哪些人或机构，可多选。", "x-description-en": "Who or which organisations the information came from; choose any number.",
      "type": "array", "maxItems": 10,
      "items": {
        "title": "来源", "x-title-en": "Source", "description": "一个资料来源。", "x-description-en": "One source of information.",
        "type": "string",
        "enum": ["client", "family", "neighbours", "school_or_work", "community", "medical", "other_agency"],
        "x-enum-labels": ["服务对象本人", "家属", "邻里朋友", "学校或工作单位", "社区/村（居）委会", "医疗机构", "其他机构"],
        "x-enum-labels-en": ["The client", "Family members", "Neighbours and friends", "School or employer", "Community or village committee", "Medical institution", "Other organisation"]
      }
    },
    "client_view": {
      "title": "服务对象对问题的看法", "x-title-en": "Client's own view of the problem", "description": "服务对象本人怎样理解自己的问题、原因和希望的改变。", "x-description-en": "How the client understands their own problem, its causes and the change they want.",
      "type": "string", "maxLength": 2000, "x-sensitive": true
    },
    "needs": {
      "title": "需求评估", "x-title-en": "Needs", "description": "按领域列出服务对象的需求及其严重程度。", "x-description-en": "The client's needs by domain, with how severe each is.",
      "type": "array", "maxItems": 20,
      "items": {
        "title": "需求", "x-title-en": "Need", "description": "一个领域的需求。", "x-description-en": "The need in one domain.",
        "type": "object",
        "properties": {
          "domain": {
            "title": "需求领域", "x-title-en": "Domain", "description": "需求所属的领域。", "x-description-en": "The domain the need belongs to.",
            "type": "string",
            "enum": ["physical", "psychological", "family", "social", "economic", "housing", "legal", "education", "employment"],
            "x-enum-labels": ["生理健康", "心理情绪", "家庭关系", "社会交往", "经济", "住房", "法律", "教育", "就业"],
            "x-enum-labels-en": ["Physical health", "Emotional and mental health", "Family relationships", "Social life", "Finances", "Housing", "Legal", "Education", "Employment"]
          },
          "severity": {
            "title": "严重程度", "x-title-en": "Severity", "description": "1 为轻微，5 为非常严重；3 及以上的需求会带入服务计划目标。", "x-description-en": "1 is slight, 5 is very severe; needs of 3 or more become goals of the service plan.",
            "type": "integer", "minimum": 1, "maximum": 5
          },
          "description": {"title": "需求描述", "x-title-en": "Description", "description": "具体表现和服务对象的感受。", "x-description-en": "How it shows and how the client feels about it.", "type": "string", "maxLength": 1000, "x-sensitive": true}
        },
        "required": ["domain", "severity"]
      },
      "x-unique": "domain"
    },
    "strengths": {
      "title": "优势与资源", "x-title-en": "Strengths and resources", "description": "服务对象自身的优势、能力，以及可以调动的支持资源。", "x-description-en": "The client's own strengths and abilities, and the support they can draw on.",
      "type": "string", "maxLength": 2000
    },
    "ecological": {
      "title": "生态系统分析", "x-title-en": "Ecological analysis", "description": "从微观、中观、宏观三个层面分析问题的成因与后果。", "x-description-en": "Causes and consequences of the problem at the micro, meso and macro levels.",
      "x-sensitive": true,
      "type": "object",
      "properties": {
        "micro": {
          "title": "微观层面", "x-title-en": "Micro level", "description": "个人层面：身心状况、认知、行为等。", "x-description-en": "The individual: physical and mental state, thinking, behaviour.",
          "type": "object",
          "properties": {
            "causes": {"title": "成因", "x-title-en": "Causes", "description": "这一层面导致问题的因素。", "x-description-en": "What at this level causes the problem.", "type": "string", "maxLength": 2000},
            "consequences": {"title": "后果", "x-title-en": "Consequences", "description": "问题在这一层面造成的影响。", "x-description-en": "What the problem does at this level.", "type": "string", "maxLength": 2000}
          },
          "required": ["causes"]
        },
        "meso": {
          "title": "中观层面", "x-title-en": "Meso level", "description": "家庭、朋友、学校、工作单位、社区等。", "x-description-en": "Family, friends, school, workplace, community.",
          "type": "object",
          "properties": {
            "causes": {"title": "成因", "x-title-en": "Causes", "description": "这一层面导致问题的因素。", "x-description-en": "What at this level causes the problem.", "type": "string", "maxLength": 2000},
            "consequences": {"title": "后果", "x-title-en": "Consequences", "description": "问题在这一层面造成的影响。", "x-description-en": "What the problem does at this level.", "type": "string", "maxLength": 2000}
          },
          "required": ["causes"]
        },
        "macro": {
          "title": "宏观层面", "x-title-en": "Macro level", "description": "政策、制度、文化与社会环境。", "x-description-en": "Policy, institutions, culture and the social environment.",
          "type": "object",
          "properties": {
            "causes": {"title": "成因", "x-title-en": "Causes", "description": "这一层面导致问题的因素。", "x-description-en": "What at this level causes the problem.", "type": "string", "maxLength": 2000},
            "consequences": {"title": "后果", "x-title-en": "Consequences", "description": "问题在这一层面造成的影响。", "x-description-en": "What the problem does at this level.", "type": "string", "maxLength": 2000}
          },
          "required": ["causes"]
        }
      },
      "required": ["micro", "meso", "macro"]
    },
    "risk_level": {
      "title": "风险等级", "x-title-en": "Risk level", "description": "综合评估服务对象面临的风险。", "x-description-en": "An overall assessment of the risks the client faces.",
      "type": "string",
      "enum": ["low", "medium", "high", "critical"],
      "x-enum-labels": ["低", "中", "高", "极高"],
      "x-enum-labels-en": ["Low", "Medium", "High", "Critical"]
    },
    "risk_reasons": {
      "title": "风险依据", "x-title-en": "Risk reasons", "description": "判定风险等级的理由和具体风险因素。", "x-description-en": "Why this risk level: the reasons and the specific risk factors.",
      "x-sensitive": true,
      "type": "string", "maxLength": 2000
    },
    "problem_definition": {
      "title": "问题界定", "x-title-en": "Problem definition", "description": "在求助问题的基础上，经预估后对服务对象问题的专业界定。", "x-description-en": "The professional definition of the client's problem after assessment, building on the presenting problem.",
      "type": "string", "maxLength": 2000,
      "x-prefill": "intake.presenting_problem"
    },
    "scales": {
      "title": "标准化量表", "x-title-en": "Standard scales", "description": "预估时使用的标准化量表及基线分数（前测），评估时据此对比后测分数。仅记录量表名称和分数。", "x-description-en": "Standard scales used at assessment with their baseline scores (pre-test), compared with the post-test at evaluation. Only the scale and the score are recorded.",
      "type": "array", "maxItems": 20,
      "items": {
        "title": "量表", "x-title-en": "Scale", "description": "一个量表的前测结果。", "x-description-en": "One scale's pre-test result.",
        "type": "object",
        "properties": {
          "scale": {
            "title": "量表", "x-title-en": "Scale", "description": "所用量表；机构可增补量表，不在列表中的选“其他量表”。", "x-description-en": "The scale used; the agency may add scales; if it is not listed choose \"Other scale\".",
            "type": "string",
            "enum": ["sas", "sds", "phq_9", "gad_7", "gds_15", "ucla_loneliness", "rosenberg_self_esteem", "adl_barthel", "family_apgar", "ssrs", "other"],
            "x-enum-labels": ["焦虑自评量表（SAS，标准分）", "抑郁自评量表（SDS，标准分）", "患者健康问卷（PHQ-9）", "广泛性焦虑量表（GAD-7）", "老年抑郁量表（GDS-15）", "UCLA 孤独感量表", "Rosenberg 自尊量表", "日常生活活动能力（Barthel 指数）", "家庭功能评估（家庭 APGAR）", "社会支持评定量表（SSRS）", "其他量表"],
            "x-enum-labels-en": ["Self-Rating Anxiety Scale (SAS, standard score)", "Self-Rating Depression Scale (SDS, standard score)", "Patient Health Questionnaire (PHQ-9)", "Generalized Anxiety Disorder scale (GAD-7)", "Geriatric Depression Scale (GDS-15)", "UCLA Loneliness Scale", "Rosenberg Self-Esteem Scale", "Activities of daily living (Barthel Index)", "Family APGAR", "Social Support Rating Scale (SSRS)", "Other scale"]
          },
          "name": {"title": "量表名称", "x-title-en": "Scale name", "description": "选择“其他量表”时必填。", "x-description-en": "Required for \"Other scale\".", "type": "string", "maxLength": 100, "x-required-if": {"scale": "other"}},
          "min": {"title": "最低分", "x-title-en": "Minimum score", "description": "“其他量表”的分数下限。", "x-description-en": "The lowest score of the \"Other scale\".", "type": "number"},
          "max": {"title": "最高分", "x-title-en": "Maximum score", "description": "“其他量表”的分数上限。", "x-description-en": "The highest score of the \"Other scale\".", "type": "number"},
          "baseline": {"title": "基线分数", "x-title-en": "Baseline score", "description": "前测得分，须在量表的分数范围内。", "x-description-en": "The pre-test score, within the scale's range.", "type": "number"},
          "date": {"title": "施测日期", "x-title-en": "Date administered", "description": "前测的日期。", "x-description-en": "The date of the pre-test.", "type": "string", "format": "date"}
        },
        "required": ["scale", "baseline"]
      }
    },
    "diagrams": {
      "title": "家庭结构图与生态图", "x-title-en": "Genogram and eco-map", "description": "先在本个案的附件中上传图，再在这里写明附件的文件名。", "x-description-en": "Upload the diagram to this case's attachments first, then give the attachment's file name here.",
      "type": "array", "maxItems": 10,
      "items": {
        "title": "图", "x-title-en": "Diagram", "description": "一张图。", "x-description-en": "One diagram.",
        "type": "object",
        "properties": {
          "kind": {
            "title": "图的类型", "x-title-en": "Kind of diagram", "description": "家庭结构图（家谱图）或生态图。", "x-description-en": "A genogram or an eco-map.",
            "type": "string",
            "enum": ["genogram", "ecomap", "other"],
            "x-enum-labels": ["家庭结构图（家谱图）", "生态图", "其他"],
            "x-enum-labels-en": ["Genogram", "Eco-map", "Other"]
          },
          "file": {"title": "附件文件名", "x-title-en": "Attachment file name", "description": "本个案附件中这张图的文件名。", "x-description-en": "The file name of this diagram in the case's attachments.", "type": "string", "maxLength": 200},
          "note": {"title": "说明", "x-title-en": "Note", "description": "图所反映的要点。", "x-description-en": "What the diagram shows.", "type": "string", "maxLength": 1000, "x-sensitive": true}
        },
        "required": ["kind", "file"]
      }
    }
  },
  "required": ["needs", "strengths", "ecological", "risk_level", "risk_reasons", "problem_definition"]
})json";

constexpr const char* kPlanningTemplate = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "x-stage": "planning",
  "title": "服务计划", "x-title-en": "Service plan",
  "description": "服务目标（目标达成量表）、介入策略、时间安排和服务对象的同意。计划须经督导审批后方可进入介入阶段。", "x-description-en": "Goals (goal attainment scaling), interventions, schedule and the client's agreement. A supervisor approves the plan before intervention starts.",
  "type": "object",
  "properties": {
    "theories": {
      "title": "理论依据", "x-title-en": "Theoretical basis", "description": "指导本计划的社会工作理论，以及如何运用。", "x-description-en": "The social work theories behind this plan and how they are applied.",
      "type": "array", "maxItems": 10,
      "items": {
        "title": "理论", "x-title-en": "Theory", "description": "一项理论依据。", "x-description-en": "One theoretical basis.",
        "type": "object",
        "properties": {
          "theory": {
            "title": "理论", "x-title-en": "Theory", "description": "所依据的理论或模式；列表中没有的选“其他”并写明名称。", "x-description-en": "The theory or model; if it is not listed choose \"Other\" and name it.",
            "type": "string",
            "enum": ["ecological_systems", "strengths", "task_centred", "cognitive_behavioural", "crisis_intervention", "empowerment", "narrative", "solution_focused", "social_support_network", "other"],
            "x-enum-labels": ["生态系统理论", "优势视角", "任务中心模式", "认知行为理论", "危机介入模式", "增权（赋权）理论", "叙事治疗", "焦点解决短期治疗", "社会支持网络理论", "其他"],
            "x-enum-labels-en": ["Ecological systems theory", "Strengths perspective", "Task-centred model", "Cognitive behavioural theory", "Crisis intervention model", "Empowerment theory", "Narrative therapy", "Solution-focused brief therapy", "Social support network theory", "Other"]
          },
          "name": {"title": "理论名称", "x-title-en": "Theory name", "description": "选择“其他”时必填。", "x-description-en": "Required for \"Other\".", "type": "string", "maxLength": 100, "x-required-if": {"theory": "other"}},
          "application": {"title": "如何运用", "x-title-en": "How it is applied", "description": "这一理论如何用于分析问题或设计介入。", "x-description-en": "How the theory is used to analyse the problem or design the intervention.", "type": "string", "maxLength": 1000}
        },
        "required": ["theory"]
      }
    },
    "service_logic": {
      "title": "服务逻辑", "x-title-en": "Service logic", "description": "问题界定 → 成因与后果分析 → 选定介入点 → 制定目标：每个目标回应一个介入点。", "x-description-en": "Problem → causes and consequences → intervention points → goals: each goal answers one intervention point.",
      "type": "object",
      "properties": {
        "problem": {"title": "问题界定", "x-title-en": "Problem definition", "description": "服务所要介入的问题，取自预估。", "x-description-en": "The problem the service addresses, taken from the assessment.", "type": "string", "maxLength": 2000, "x-prefill": "assessment.problem_definition"},
        "causes": {"title": "成因分析", "x-title-en": "Causes", "description": "问题在个人、家庭、社区等层面的成因。", "x-description-en": "Causes of the problem at the individual, family and community levels.", "type": "string", "maxLength": 2000, "x-sensitive": true},
        "consequences": {"title": "后果分析", "x-title-en": "Consequences", "description": "问题造成的影响，说明介入的必要性。", "x-description-en": "What the problem leads to, showing why intervention is needed.", "type": "string", "maxLength": 2000, "x-sensitive": true},
        "intervention_points": {
          "title": "介入点", "x-title-en": "Intervention point", "description": "从成因中选出的一个或多个可介入之处。", "x-description-en": "One or more places among the causes where the service can step in.",
          "type": "array", "maxItems": 10, "x-unique": "name",
          "items": {
            "title": "介入点", "x-title-en": "Intervention point", "description": "一个介入点。", "x-description-en": "One intervention point.",
            "type": "object",
            "properties": {
              "name": {"title": "介入点", "x-title-en": "Intervention point", "description": "简要写明介入点，目标据此选择。", "x-description-en": "A short statement of the intervention point; goals are chosen from these.", "type": "string", "maxLength": 200},
              "cause": {"title": "对应成因", "x-title-en": "Cause addressed", "description": "这一介入点针对的成因。", "x-description-en": "The cause this intervention point addresses.", "type": "string", "maxLength": 500},
              "approach": {"title": "介入方法", "x-title-en": "Approach", "description": "针对这一介入点的介入方法。", "x-description-en": "How this intervention point is worked on.", "type": "string", "maxLength": 500}
            },
            "required": ["name"]
          }
        }
      }
    },
    "overall_goal": {
      "title": "总目标", "x-title-en": "Overall goal", "description": "服务期结束时希望服务对象达到的整体改变。", "x-description-en": "The overall change hoped for in the client by the end of the service.",
      "type": "string", "maxLength": 500
    },
    "goals": {
      "title": "服务目标", "x-title-en": "Goals", "description": "每个目标用目标达成量表（GAS）描述五个等级，并设定权重。", "x-description-en": "Each goal describes five levels on a goal attainment scale (GAS) and has a weight.",
      "type": "array", "minItems": 1, "maxItems": 20,
      "x-prefill": "assessment.needs",
      "items": {
        "title": "目标", "x-title-en": "Goal", "description": "一个服务目标。", "x-description-en": "One service goal.",
        "type": "object",
        "properties": {
          "name": {"title": "目标名称", "x-title-en": "Goal", "description": "简要说明要达成的改变。", "x-description-en": "A short statement of the change to achieve.", "type": "string", "maxLength": 200},
          "domain": {
            "title": "对应需求领域", "x-title-en": "Need domain", "description": "这一目标回应的需求领域。", "x-description-en": "The need domain this goal answers.",
            "type": "string",
            "enum": ["physical", "psychological", "family", "social", "economic", "housing", "legal", "education", "employment"],
            "x-enum-labels": ["生理健康", "心理情绪", "家庭关系", "社会交往", "经济", "住房", "法律", "教育", "就业"],
            "x-enum-labels-en": ["Physical health", "Emotional and mental health", "Family relationships", "Social life", "Finances", "Housing", "Legal", "Education", "Employment"]
          },
          "intervention_point": {
            "title": "对应介入点", "x-title-en": "Intervention point", "description": "这一目标回应的介入点，须是服务逻辑中列出的介入点之一。", "x-description-en": "The intervention point this goal answers; one of those listed in the service logic.",
            "type": "string", "maxLength": 200
          },
          "weight": {
            "title": "权重", "x-title-en": "Weight", "description": "目标的相对重要性，须大于 0。", "x-description-en": "How much the goal counts relative to the others; greater than 0.",
            "type": "number", "exclusiveMinimum": 0, "maximum": 100
          },
          "levels": {
            "title": "达成等级", "x-title-en": "Attainment levels", "description": "从 −2（远低于预期）到 +2（远高于预期）五个等级，每级写明可观察的表现。", "x-description-en": "Five levels from −2 (much less than expected) to +2 (much more than expected), each with what can be observed.",
            "type": "array", "minItems": 5, "maxItems": 5, "x-unique": "level",
            "items": {
              "title": "等级", "x-title-en": "Level", "description": "一个达成等级及其表现。", "x-description-en": "One attainment level and what it looks like.",
              "type": "object",
              "properties": {
                "level": {
                  "title": "等级", "x-title-en": "Level", "description": "−2 至 +2。", "x-description-en": "−2 to +2.",
                  "type": "integer", "enum": [-2, -1, 0, 1, 2],
                  "x-enum-labels": ["远低于预期", "低于预期", "达到预期", "高于预期", "远高于预期"],
                  "x-enum-labels-en": ["Much less than expected", "Less than expected", "As expected", "More than expected", "Much more than expected"]
                },
                "description": {"title": "表现描述", "x-title-en": "Description", "description": "达到这一等级时可观察到的表现。", "x-description-en": "What can be observed when this level is reached.", "type": "string", "maxLength": 500, "x-sensitive": true}
              },
              "required": ["level", "description"]
            }
          }
        },
        "required": ["name", "weight", "levels"]
      }
    },
    "interventions": {
      "title": "介入策略", "x-title-en": "Intervention", "description": "计划采用的方法和技术，可从技术库选择。", "x-description-en": "The methods and techniques the plan uses; they may be chosen from the technique library.",
      "type": "array", "minItems": 1, "maxItems": 30,
      "items": {
        "title": "介入策略", "x-title-en": "Intervention", "description": "一项介入方法或技术。", "x-description-en": "One method or technique.",
        "type": "object",
        "properties": {
          "technique": {"title": "方法/技术", "x-title-en": "Method or technique", "description": "方法或技术的名称。", "x-description-en": "The name of the method or technique.", "type": "string", "maxLength": 200},
          "technique_id": {"title": "技术库编号", "x-title-en": "Technique library number", "description": "从技术库选择时的编号。", "x-description-en": "Its number when chosen from the technique library.", "type": "integer", "minimum": 1},
          "description": {"title": "具体安排", "x-title-en": "Arrangements", "description": "如何运用这一方法或技术。", "x-description-en": "How the method or technique will be used.", "type": "string", "maxLength": 1000, "x-sensitive": true},
          "frequency": {"title": "频次", "x-title-en": "Frequency", "description": "如每周一次、每两周一次。", "x-description-en": "Such as once a week or once a fortnight.", "type": "string", "maxLength": 100},
          "performed_by": {"title": "执行人", "x-title-en": "Carried out by", "description": "由谁执行，如主责社工、志愿者、合作机构。", "x-description-en": "Who carries it out, e.g. the case worker, a volunteer, a partner organisation.", "type": "string", "maxLength": 200}
        },
        "required": ["technique"]
      }
    },
    "schedule": {
      "title": "时间安排", "x-title-en": "Schedule", "description": "服务计划的起止日期；计划结束日即评估到期日。", "x-description-en": "The plan's start and end dates; the end date is when the evaluation is due.",
      "type": "object",
      "properties": {
        "start_date": {"title": "开始日期", "x-title-en": "Start date", "description": "计划开始执行的日期。", "x-description-en": "The date the plan starts.", "type": "string", "format": "date"},
        "end_date": {"title": "结束日期", "x-title-en": "End date", "description": "计划结束的日期，不早于开始日期。", "x-description-en": "The date the plan ends, not before the start date.", "type": "string", "format": "date", "x-not-before": "start_date"}
      },
      "required": ["start_date", "end_date"]
    },
    "agreement": {
      "title": "服务对象同意", "x-title-en": "Client's agreement", "description": "案主自决：服务对象对计划的知情同意。", "x-description-en": "Client self-determination: the client's informed consent to the plan.",
      "type": "object",
      "properties": {
        "date": {"title": "同意日期", "x-title-en": "Date of consent", "description": "服务对象表示同意的日期。", "x-description-en": "The date the client agreed.", "type": "string", "format": "date"},
        "method": {
          "title": "同意方式", "x-title-en": "How consent was given", "description": "服务对象如何表示同意。", "x-description-en": "How the client gave consent.",
          "type": "string",
          "enum": ["signed", "verbal", "guardian"],
          "x-enum-labels": ["书面签署", "口头同意", "监护人同意"],
          "x-enum-labels-en": ["Signed in writing", "Verbal consent", "Guardian's consent"]
        },
        "note": {"title": "备注", "x-title-en": "Note", "description": "如服务对象对计划的意见。", "x-description-en": "E.g. the client's comments on the plan.", "type": "string", "maxLength": 500, "x-sensitive": true}
      },
      "required": ["date", "method"]
    },
    "evaluation_methods": {
      "title": "评估方法", "x-title-en": "Evaluation methods", "description": "服务结束时如何评估成效，可多选。", "x-description-en": "How results will be evaluated at the end of the service; choose any number.",
      "type": "array", "maxItems": 10,
      "items": {
        "title": "方法", "x-title-en": "Method", "description": "一种评估方法。", "x-description-en": "One evaluation method.",
        "type": "string",
        "enum": ["gas", "standard_scale", "satisfaction", "interview", "observation", "records"],
        "x-enum-labels": ["目标达成量表（GAS）", "标准化量表前后测对比", "满意度调查", "访谈", "观察", "服务记录分析"],
        "x-enum-labels-en": ["Goal attainment scaling (GAS)", "Standard scales, pre and post", "Satisfaction survey", "Interview", "Observation", "Review of service records"]
      }
    },
    "contingency_plan": {
      "title": "风险应对预案", "x-title-en": "Contingency plan for risk", "description": "服务期间可能出现的风险（如自伤、暴力、病情变化）及应对办法。", "x-description-en": "Risks that may arise during the service (e.g. self-harm, violence, illness) and how to respond.",
      "type": "string", "maxLength": 2000, "x-sensitive": true
    }
  },
  "required": ["goals", "interventions", "schedule", "agreement"]
})json";

constexpr const char* kInterventionTemplate = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "x-stage": "intervention",
  "title": "介入记录", "x-title-en": "Intervention record",
  "description": "链接的资源和转介情况；每次服务另行记录为服务记录，进入评估阶段前至少需要一条服务记录。", "x-description-en": "Resources linked and referrals made; each session is a separate service record, and at least one is needed before evaluation.",
  "type": "object",
  "properties": {
    "resources": {
      "title": "链接资源", "x-title-en": "Resources linked", "description": "为服务对象链接的资源。", "x-description-en": "Resources linked for the client.",
      "type": "array", "maxItems": 50,
      "items": {
        "title": "资源", "x-title-en": "Resource", "description": "一项链接的资源。", "x-description-en": "One resource linked.",
        "type": "object",
        "properties": {
          "type": {
            "title": "资源类型", "x-title-en": "Kind of resource", "description": "资源的类别。", "x-description-en": "The kind of resource.",
            "type": "string",
            "enum": ["economic", "medical", "legal", "housing", "employment", "education", "other"],
            "x-enum-labels": ["经济援助", "医疗", "法律", "住房", "就业", "教育", "其他"],
            "x-enum-labels-en": ["Financial aid", "Medical", "Legal", "Housing", "Employment", "Education", "Other"]
          },
          "provider": {"title": "提供方", "x-title-en": "Provider", "description": "提供资源的机构或个人。", "x-description-en": "The organisation or person who provided it.", "type": "string", "maxLength": 200},
          "date": {"title": "链接日期", "x-title-en": "Date linked", "description": "资源落实的日期。", "x-description-en": "The date the resource was delivered.", "type": "string", "format": "date"},
          "description": {"title": "资源内容", "x-title-en": "What was provided", "description": "资源的具体内容和数量。", "x-description-en": "What was provided and how much.", "type": "string", "maxLength": 1000, "x-sensitive": true}
        },
        "required": ["type", "description"]
      }
    },
    "referrals": {
      "title": "转介情况", "x-title-en": "Referrals", "description": "介入期间将服务对象转介到其他机构的情况。", "x-description-en": "Referrals of the client to other organisations during intervention.",
      "type": "array", "maxItems": 50,
      "items": {
        "title": "转介", "x-title-en": "Referral", "description": "一次转介。", "x-description-en": "One referral.",
        "type": "object",
        "properties": {
          "agency": {"title": "接收机构", "x-title-en": "Receiving organisation", "description": "接收转介的机构名称。", "x-description-en": "The name of the receiving organisation.", "type": "string", "maxLength": 200},
          "service": {"title": "转介服务", "x-title-en": "Service referred to", "description": "转介的服务内容。", "x-description-en": "The service referred to.", "type": "string", "maxLength": 200},
          "date": {"title": "转介日期", "x-title-en": "Date of referral", "description": "发出转介的日期。", "x-description-en": "The date the referral was made.", "type": "string", "format": "date"},
          "reason": {"title": "转介原因", "x-title-en": "Reason for referral", "description": "为什么需要转介。", "x-description-en": "Why the referral is needed.", "type": "string", "maxLength": 1000, "x-sensitive": true}
        },
        "required": ["agency", "reason"]
      }
    },
    "progress_summary": {
      "title": "阶段小结", "x-title-en": "Progress summary", "description": "介入阶段的整体进展。", "x-description-en": "Overall progress in the intervention stage.",
      "type": "string", "maxLength": 2000, "x-sensitive": true
    }
  },
  "required": []
})json";

constexpr const char* kEvaluationTemplate = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "x-stage": "evaluation",
  "title": "评估表", "x-title-en": "Evaluation form",
  "description": "逐项评估目标达成情况（GAS T 分数），收集满意度，社工反思，督导评阅。", "x-description-en": "Goal attainment goal by goal (GAS T-score), satisfaction, the worker's reflection and the supervisor's review.",
  "type": "object",
  "properties": {
    "goal_attainment": {
      "title": "目标达成情况", "x-title-en": "Goal attainment", "description": "计划中每个目标实际达到的等级。", "x-description-en": "The level each goal of the plan actually reached.",
      "type": "array", "minItems": 1, "maxItems": 20,
      "x-prefill": "planning.goals", "x-fixed-items": true,
      "items": {
        "title": "目标", "x-title-en": "Goal", "description": "一个目标的达成情况。", "x-description-en": "How far one goal was attained.",
        "type": "object",
        "properties": {
          "name": {"title": "目标名称", "x-title-en": "Goal", "description": "取自服务计划。", "x-description-en": "Taken from the service plan.", "type": "string", "maxLength": 200, "readOnly": true},
          "intervention_point": {"title": "对应介入点", "x-title-en": "Intervention point", "description": "取自服务计划。", "x-description-en": "Taken from the service plan.", "type": "string", "maxLength": 200, "readOnly": true},
          "weight": {"title": "权重", "x-title-en": "Weight", "description": "取自服务计划，须大于 0。", "x-description-en": "Taken from the service plan; greater than 0.", "type": "number", "exclusiveMinimum": 0, "maximum": 100, "readOnly": true},
          "attained": {
            "title": "达成等级", "x-title-en": "Level attained", "description": "实际达到的等级，−2 至 +2。", "x-description-en": "The level actually reached, −2 to +2.",
            "type": "integer", "enum": [-2, -1, 0, 1, 2],
            "x-enum-labels": ["远低于预期", "低于预期", "达到预期", "高于预期", "远高于预期"],
            "x-enum-labels-en": ["Much less than expected", "Less than expected", "As expected", "More than expected", "Much more than expected"]
          },
          "evidence": {"title": "依据", "x-title-en": "Evidence", "description": "判定等级的事实依据。", "x-description-en": "The facts the level rests on.", "type": "string", "maxLength": 1000, "x-sensitive": true}
        },
        "required": ["name", "weight", "attained"]
      }
    },
    "gas_t_score": {
      "title": "GAS T 分数", "x-title-en": "GAS T-score", "description": "由系统根据各目标的权重和达成等级计算（ρ = 0.3），50 为达到预期。", "x-description-en": "Computed from the goals' weights and levels attained (ρ = 0.3); 50 means as expected.",
      "type": "number", "readOnly": true
    },
    "scale_results": {
      "title": "量表前后测", "x-title-en": "Scale results (pre and post)", "description": "预估时所用量表的前测（基线）与后测分数；变化由系统计算（后测 − 前测）。", "x-description-en": "Pre-test (baseline) and post-test scores of the scales used at assessment; the change is computed (post − pre).",
      "type": "array", "maxItems": 20,
      "x-prefill": "assessment.scales",
      "items": {
        "title": "量表", "x-title-en": "Scale", "description": "一个量表的前后测结果。", "x-description-en": "One scale's pre- and post-test results.",
        "type": "object",
        "properties": {
          "scale": {
            "title": "量表", "x-title-en": "Scale", "description": "取自预估。", "x-description-en": "Taken from the assessment.",
            "type": "string",
            "enum": ["sas", "sds", "phq_9", "gad_7", "gds_15", "ucla_loneliness", "rosenberg_self_esteem", "adl_barthel", "family_apgar", "ssrs", "other"],
            "x-enum-labels": ["焦虑自评量表（SAS，标准分）", "抑郁自评量表（SDS，标准分）", "患者健康问卷（PHQ-9）", "广泛性焦虑量表（GAD-7）", "老年抑郁量表（GDS-15）", "UCLA 孤独感量表", "Rosenberg 自尊量表", "日常生活活动能力（Barthel 指数）", "家庭功能评估（家庭 APGAR）", "社会支持评定量表（SSRS）", "其他量表"],
            "x-enum-labels-en": ["Self-Rating Anxiety Scale (SAS, standard score)", "Self-Rating Depression Scale (SDS, standard score)", "Patient Health Questionnaire (PHQ-9)", "Generalized Anxiety Disorder scale (GAD-7)", "Geriatric Depression Scale (GDS-15)", "UCLA Loneliness Scale", "Rosenberg Self-Esteem Scale", "Activities of daily living (Barthel Index)", "Family APGAR", "Social Support Rating Scale (SSRS)", "Other scale"]
          },
          "name": {"title": "量表名称", "x-title-en": "Scale name", "description": "“其他量表”的名称，取自预估。", "x-description-en": "The name of the \"Other scale\", taken from the assessment.", "type": "string", "maxLength": 100, "x-required-if": {"scale": "other"}},
          "pre": {"title": "前测分数", "x-title-en": "Pre-test score", "description": "预估时的基线分数。", "x-description-en": "The baseline score at assessment.", "type": "number", "readOnly": true},
          "post": {"title": "后测分数", "x-title-en": "Post-test score", "description": "评估时的得分，须在量表的分数范围内。", "x-description-en": "The score at evaluation, within the scale's range.", "type": "number"},
          "change": {"title": "变化", "x-title-en": "Change", "description": "由系统计算：后测 − 前测。", "x-description-en": "Computed: post-test − pre-test.", "type": "number", "readOnly": true},
          "date": {"title": "后测日期", "x-title-en": "Post-test date", "description": "后测的日期。", "x-description-en": "The date of the post-test.", "type": "string", "format": "date"}
        },
        "required": ["scale"]
      }
    },
    "satisfaction": {
      "title": "满意度", "x-title-en": "Satisfaction", "description": "服务对象对服务的总体满意度，1 为很不满意，5 为非常满意；未收集可不填。", "x-description-en": "The client's overall satisfaction, 1 very dissatisfied to 5 very satisfied; leave empty if not collected.",
      "type": "integer", "minimum": 1, "maximum": 5
    },
    "reflection": {
      "title": "社工反思", "x-title-en": "Worker's reflection", "description": "对服务过程和成效的反思，以及可改进之处。", "x-description-en": "Reflection on the process and results, and what could be done better.",
      "type": "string", "maxLength": 2000, "x-sensitive": true
    },
    "client_evaluation": {
      "title": "服务对象的评价", "x-title-en": "Client's own evaluation", "description": "服务对象本人对服务过程和自身改变的评价。", "x-description-en": "The client's own view of the service and of the change in themselves.",
      "type": "string", "maxLength": 2000, "x-sensitive": true
    },
    "evaluation_methods": {
      "title": "评估方法", "x-title-en": "Evaluation methods", "description": "本次评估实际采用的方法，取自服务计划，可修改。", "x-description-en": "The methods actually used in this evaluation, taken from the plan; may be changed.",
      "type": "array", "maxItems": 10,
      "x-prefill": "planning.evaluation_methods",
      "items": {
        "title": "方法", "x-title-en": "Method", "description": "一种评估方法。", "x-description-en": "One evaluation method.",
        "type": "string",
        "enum": ["gas", "standard_scale", "satisfaction", "interview", "observation", "records"],
        "x-enum-labels": ["目标达成量表（GAS）", "标准化量表前后测对比", "满意度调查", "访谈", "观察", "服务记录分析"],
        "x-enum-labels-en": ["Goal attainment scaling (GAS)", "Standard scales, pre and post", "Satisfaction survey", "Interview", "Observation", "Review of service records"]
      }
    },
    "conclusion": {
      "title": "评估结论", "x-title-en": "Conclusion", "description": "根据评估结果，结案、继续服务或转介。", "x-description-en": "Based on the evaluation: close, continue the service or refer.",
      "type": "string",
      "enum": ["close", "continue", "refer"],
      "x-enum-labels": ["结案", "继续服务", "转介"],
      "x-enum-labels-en": ["Close the case", "Continue service", "Refer"]
    },
    "supervisor_review": {
      "title": "督导评阅", "x-title-en": "Supervisor's review", "description": "督导对本个案服务的评阅意见。", "x-description-en": "The supervisor's comments on the service in this case.",
      "type": "string", "maxLength": 2000, "x-sensitive": true
    }
  },
  "required": ["goal_attainment", "reflection"]
})json";

constexpr const char* kClosureTemplate = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "x-stage": "closed",
  "title": "结案表", "x-title-en": "Closure form",
  "description": "结案原因、结案小结和结案后的跟进回访安排。结案须经督导审批。", "x-description-en": "Why the case closes, the closing summary and the follow-up visits after closure. A supervisor approves the closure.",
  "type": "object",
  "properties": {
    "reason": {
      "title": "结案原因", "x-title-en": "Reason for closing", "description": "结束服务的原因。", "x-description-en": "Why the service ends.",
      "type": "string",
      "enum": ["goals_met", "client_wish", "transferred", "referred", "unreachable", "deceased", "other"],
      "x-enum-labels": ["目标达成", "服务对象意愿", "转至其他机构继续服务", "转介其他服务", "失去联系", "服务对象离世", "其他"],
      "x-enum-labels-en": ["Goals met", "Client's wish", "Transferred to another organisation", "Referred to another service", "Lost contact", "Client died", "Other"]
    },
    "receiving_org": {
      "title": "接收机构", "x-title-en": "Receiving organisation", "description": "转至其他机构或转介时必填：接收的机构或服务的名称。", "x-description-en": "Required when transferred or referred: the receiving organisation or service.",
      "type": "string", "maxLength": 200,
      "x-required-if": {"reason": ["transferred", "referred"]}
    },
    "reason_note": {
      "title": "原因说明", "x-title-en": "Explanation", "description": "选择“其他”时必填。", "x-description-en": "Required for \"Other\".",
      "type": "string", "maxLength": 1000, "x-sensitive": true,
      "x-required-if": {"reason": "other"}
    },
    "summary": {
      "title": "结案小结", "x-title-en": "Closing summary", "description": "服务过程、成效和服务对象现状的总结。", "x-description-en": "A summary of the service, its results and the client's situation now.",
      "type": "string", "maxLength": 4000, "x-sensitive": true,
      "x-prefill": "evaluation"
    },
    "client_reaction": {
      "title": "服务对象对结案的反应", "x-title-en": "Client's reaction to ending", "description": "服务对象面对服务结束的情绪和反应（如不舍、担心、失落）以及社工如何处理。", "x-description-en": "How the client feels about the end of the service (e.g. reluctance, worry, loss) and how the worker responded.",
      "type": "string", "maxLength": 2000, "x-sensitive": true
    },
    "remaining_issues": {
      "title": "遗留问题与建议", "x-title-en": "Remaining issues and recommendations", "description": "尚未解决的问题，以及给服务对象或后续服务者的建议。", "x-description-en": "Issues still open and recommendations for the client or whoever serves them next.",
      "type": "string", "maxLength": 2000, "x-sensitive": true
    },
    "client_informed": {
      "title": "告知服务对象结案", "x-title-en": "Client informed of closure", "description": "何时、以何种方式告知服务对象结案。", "x-description-en": "When and how the client was told of the closure.",
      "type": "object",
      "properties": {
        "date": {"title": "告知日期", "x-title-en": "Date informed", "description": "告知服务对象结案的日期。", "x-description-en": "The date the client was told of the closure.", "type": "string", "format": "date"},
        "method": {
          "title": "告知方式", "x-title-en": "How informed", "description": "以什么方式告知。", "x-description-en": "How the client was told.",
          "type": "string",
          "enum": ["face_to_face", "phone", "written", "guardian"],
          "x-enum-labels": ["当面告知", "电话告知", "书面告知", "告知监护人"],
          "x-enum-labels-en": ["In person", "By phone", "In writing", "Guardian informed"]
        }
      }
    },
    "follow_up_months": {
      "title": "跟进回访", "x-title-en": "Follow-up visits", "description": "结案后第几个月回访，默认 1、3、6 个月；结案时生成回访任务。", "x-description-en": "Months after closure for follow-up visits, 1, 3 and 6 by default; follow-up tasks are created at closure.",
      "type": "array", "maxItems": 12,
      "items": {"title": "月数", "x-title-en": "Months", "description": "结案后的月数。", "x-description-en": "Months after closure.", "type": "integer", "minimum": 1, "maximum": 36}
    }
  },
  "required": ["reason", "summary"]
})json";

}  // namespace

std::string_view BuiltInTemplateText(Stage stage) {
  switch (stage) {
    case Stage::kIntake:
      return kIntakeTemplate;
    case Stage::kAssessment:
      return kAssessmentTemplate;
    case Stage::kPlanning:
      return kPlanningTemplate;
    case Stage::kIntervention:
      return kInterventionTemplate;
    case Stage::kEvaluation:
      return kEvaluationTemplate;
    case Stage::kClosed:
      return kClosureTemplate;
  }
  return "{}";
}

}  // namespace jieli::cases
