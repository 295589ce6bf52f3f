#include "modules/cases/form_templates.hpp"

namespace jieli::cases {
namespace {

constexpr const char* kIntakeTemplate = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "x-stage": "intake",
  "title": "接案表",
  "description": "记录服务对象的来源、求助问题、紧急程度和接案决定。",
  "type": "object",
  "properties": {
    "source": {
      "title": "案主来源", "description": "服务对象是通过什么途径来到本机构的。",
      "type": "string",
      "enum": ["walk_in", "hotline", "referral_in", "outreach", "assigned"],
      "x-enum-labels": ["主动求助", "热线来电", "转介转入", "外展发现", "上级交办"]
    },
    "referral_from": {
      "title": "转介来源", "description": "转介转入时，转出机构或部门的名称。",
      "type": "string", "maxLength": 200
    },
    "client_snapshot": {
      "title": "服务对象基本情况", "description": "接案时服务对象的基本信息，自动取自服务对象档案，可补充修改。",
      "type": "object",
      "properties": {
        "name": {"title": "姓名", "description": "服务对象姓名。", "type": "string", "maxLength": 50, "x-prefill": "client.name"},
        "gender": {"title": "性别", "description": "服务对象性别。", "type": "string", "maxLength": 20, "x-prefill": "client.gender"},
        "birth_date": {"title": "出生日期", "description": "服务对象出生日期。", "type": "string", "format": "date", "x-prefill": "client.birth_date"},
        "categories": {
          "title": "服务对象类别", "description": "如老年人、残疾人、儿童、低保等。",
          "type": "array", "maxItems": 20, "x-prefill": "client.categories",
          "items": {"title": "类别", "description": "一个服务对象类别。", "type": "string", "maxLength": 50}
        },
        "address": {"title": "住址", "description": "服务对象现住址。", "type": "string", "maxLength": 200, "x-prefill": "client.address"}
      }
    },
    "presenting_problem": {
      "title": "求助问题", "description": "服务对象自述或转介方陈述的主要问题（呈现问题）。",
      "type": "string", "maxLength": 2000
    },
    "urgency": {
      "title": "紧急程度", "description": "危机个案进入快速通道，须在规定时限内首次接触。",
      "type": "string",
      "enum": ["normal", "urgent", "crisis"],
      "x-enum-labels": ["一般", "紧急", "危机"]
    },
    "decision": {
      "title": "接案决定", "description": "接案、转介至其他机构，或不予接案。",
      "type": "string",
      "enum": ["accept", "refer_out", "decline"],
      "x-enum-labels": ["接案", "转介", "不予接案"]
    },
    "decline_reason": {
      "title": "不予接案原因", "description": "选择“不予接案”时必填。",
      "type": "string", "maxLength": 1000,
      "x-required-if": {"decision": "decline"}
    },
    "refer_out_to": {
      "title": "转介至", "description": "选择“转介”时，接收机构或服务的名称。",
      "type": "string", "maxLength": 200
    }
  },
  "required": ["source", "presenting_problem", "urgency", "decision"]
})json";

constexpr const char* kAssessmentTemplate = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "x-stage": "assessment",
  "title": "预估表",
  "description": "界定问题，分析原因与后果，评估需求、优势和风险。",
  "type": "object",
  "properties": {
    "needs": {
      "title": "需求评估", "description": "按领域列出服务对象的需求及其严重程度。",
      "type": "array", "maxItems": 20,
      "items": {
        "title": "需求", "description": "一个领域的需求。",
        "type": "object",
        "properties": {
          "domain": {
            "title": "需求领域", "description": "需求所属的领域。",
            "type": "string",
            "enum": ["physical", "psychological", "family", "social", "economic", "housing", "legal", "education", "employment"],
            "x-enum-labels": ["生理健康", "心理情绪", "家庭关系", "社会交往", "经济", "住房", "法律", "教育", "就业"]
          },
          "severity": {
            "title": "严重程度", "description": "1 为轻微，5 为非常严重；3 及以上的需求会带入服务计划目标。",
            "type": "integer", "minimum": 1, "maximum": 5
          },
          "description": {"title": "需求描述", "description": "具体表现和服务对象的感受。", "type": "string", "maxLength": 1000, "x-sensitive": true}
        },
        "required": ["domain", "severity"]
      },
      "x-unique": "domain"
    },
    "strengths": {
      "title": "优势与资源", "description": "服务对象自身的优势、能力，以及可以调动的支持资源。",
      "type": "string", "maxLength": 2000
    },
    "ecological": {
      "title": "生态系统分析", "description": "从微观、中观、宏观三个层面分析问题的成因与后果。",
      "x-sensitive": true,
      "type": "object",
      "properties": {
        "micro": {
          "title": "微观层面", "description": "个人层面：身心状况、认知、行为等。",
          "type": "object",
          "properties": {
            "causes": {"title": "成因", "description": "这一层面导致问题的因素。", "type": "string", "maxLength": 2000},
            "consequences": {"title": "后果", "description": "问题在这一层面造成的影响。", "type": "string", "maxLength": 2000}
          },
          "required": ["causes"]
        },
        "meso": {
          "title": "中观层面", "description": "家庭、朋友、学校、工作单位、社区等。",
          "type": "object",
          "properties": {
            "causes": {"title": "成因", "description": "这一层面导致问题的因素。", "type": "string", "maxLength": 2000},
            "consequences": {"title": "后果", "description": "问题在这一层面造成的影响。", "type": "string", "maxLength": 2000}
          },
          "required": ["causes"]
        },
        "macro": {
          "title": "宏观层面", "description": "政策、制度、文化与社会环境。",
          "type": "object",
          "properties": {
            "causes": {"title": "成因", "description": "这一层面导致问题的因素。", "type": "string", "maxLength": 2000},
            "consequences": {"title": "后果", "description": "问题在这一层面造成的影响。", "type": "string", "maxLength": 2000}
          },
          "required": ["causes"]
        }
      },
      "required": ["micro", "meso", "macro"]
    },
    "risk_level": {
      "title": "风险等级", "description": "综合评估服务对象面临的风险。",
      "type": "string",
      "enum": ["low", "medium", "high", "critical"],
      "x-enum-labels": ["低", "中", "高", "极高"]
    },
    "risk_reasons": {
      "title": "风险依据", "description": "判定风险等级的理由和具体风险因素。",
      "x-sensitive": true,
      "type": "string", "maxLength": 2000
    },
    "problem_definition": {
      "title": "问题界定", "description": "在求助问题的基础上，经预估后对服务对象问题的专业界定。",
      "type": "string", "maxLength": 2000,
      "x-prefill": "intake.presenting_problem"
    }
  },
  "required": ["needs", "strengths", "ecological", "risk_level", "risk_reasons", "problem_definition"]
})json";

constexpr const char* kPlanningTemplate = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "x-stage": "planning",
  "title": "服务计划",
  "description": "服务目标（目标达成量表）、介入策略、时间安排和服务对象的同意。计划须经督导审批后方可进入介入阶段。",
  "type": "object",
  "properties": {
    "goals": {
      "title": "服务目标", "description": "每个目标用目标达成量表（GAS）描述五个等级，并设定权重。",
      "type": "array", "minItems": 1, "maxItems": 20,
      "x-prefill": "assessment.needs",
      "items": {
        "title": "目标", "description": "一个服务目标。",
        "type": "object",
        "properties": {
          "name": {"title": "目标名称", "description": "简要说明要达成的改变。", "type": "string", "maxLength": 200},
          "domain": {
            "title": "对应需求领域", "description": "这一目标回应的需求领域。",
            "type": "string",
            "enum": ["physical", "psychological", "family", "social", "economic", "housing", "legal", "education", "employment"],
            "x-enum-labels": ["生理健康", "心理情绪", "家庭关系", "社会交往", "经济", "住房", "法律", "教育", "就业"]
          },
          "weight": {
            "title": "权重", "description": "目标的相对重要性，须大于 0。",
            "type": "number", "exclusiveMinimum": 0, "maximum": 100
          },
          "levels": {
            "title": "达成等级", "description": "从 −2（远低于预期）到 +2（远高于预期）五个等级，每级写明可观察的表现。",
            "type": "array", "minItems": 5, "maxItems": 5, "x-unique": "level",
            "items": {
              "title": "等级", "description": "一个达成等级及其表现。",
              "type": "object",
              "properties": {
                "level": {
                  "title": "等级", "description": "−2 至 +2。",
                  "type": "integer", "enum": [-2, -1, 0, 1, 2],
                  "x-enum-labels": ["远低于预期", "低于预期", "达到预期", "高于预期", "远高于预期"]
                },
                "description": {"title": "表现描述", "description": "达到这一等级时可观察到的表现。", "type": "string", "maxLength": 500, "x-sensitive": true}
              },
              "required": ["level", "description"]
            }
          }
        },
        "required": ["name", "weight", "levels"]
      }
    },
    "interventions": {
      "title": "介入策略", "description": "计划采用的方法和技术，可从技术库选择。",
      "type": "array", "minItems": 1, "maxItems": 30,
      "items": {
        "title": "介入策略", "description": "一项介入方法或技术。",
        "type": "object",
        "properties": {
          "technique": {"title": "方法/技术", "description": "方法或技术的名称。", "type": "string", "maxLength": 200},
          "technique_id": {"title": "技术库编号", "description": "从技术库选择时的编号。", "type": "integer", "minimum": 1},
          "description": {"title": "具体安排", "description": "如何运用、由谁执行、频次等。", "type": "string", "maxLength": 1000, "x-sensitive": true}
        },
        "required": ["technique"]
      }
    },
    "schedule": {
      "title": "时间安排", "description": "服务计划的起止日期；计划结束日即评估到期日。",
      "type": "object",
      "properties": {
        "start_date": {"title": "开始日期", "description": "计划开始执行的日期。", "type": "string", "format": "date"},
        "end_date": {"title": "结束日期", "description": "计划结束的日期，不早于开始日期。", "type": "string", "format": "date", "x-not-before": "start_date"}
      },
      "required": ["start_date", "end_date"]
    },
    "agreement": {
      "title": "服务对象同意", "description": "案主自决：服务对象对计划的知情同意。",
      "type": "object",
      "properties": {
        "date": {"title": "同意日期", "description": "服务对象表示同意的日期。", "type": "string", "format": "date"},
        "method": {
          "title": "同意方式", "description": "服务对象如何表示同意。",
          "type": "string",
          "enum": ["signed", "verbal", "guardian"],
          "x-enum-labels": ["书面签署", "口头同意", "监护人同意"]
        },
        "note": {"title": "备注", "description": "如服务对象对计划的意见。", "type": "string", "maxLength": 500, "x-sensitive": true}
      },
      "required": ["date", "method"]
    }
  },
  "required": ["goals", "interventions", "schedule", "agreement"]
})json";

constexpr const char* kInterventionTemplate = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "x-stage": "intervention",
  "title": "介入记录",
  "description": "链接的资源和转介情况；每次服务另行记录为服务记录，进入评估阶段前至少需要一条服务记录。",
  "type": "object",
  "properties": {
    "resources": {
      "title": "链接资源", "description": "为服务对象链接的资源。",
      "type": "array", "maxItems": 50,
      "items": {
        "title": "资源", "description": "一项链接的资源。",
        "type": "object",
        "properties": {
          "type": {
            "title": "资源类型", "description": "资源的类别。",
            "type": "string",
            "enum": ["economic", "medical", "legal", "housing", "employment", "education", "other"],
            "x-enum-labels": ["经济援助", "医疗", "法律", "住房", "就业", "教育", "其他"]
          },
          "provider": {"title": "提供方", "description": "提供资源的机构或个人。", "type": "string", "maxLength": 200},
          "date": {"title": "链接日期", "description": "资源落实的日期。", "type": "string", "format": "date"},
          "description": {"title": "资源内容", "description": "资源的具体内容和数量。", "type": "string", "maxLength": 1000, "x-sensitive": true}
        },
        "required": ["type", "description"]
      }
    },
    "referrals": {
      "title": "转介情况", "description": "介入期间将服务对象转介到其他机构的情况。",
      "type": "array", "maxItems": 50,
      "items": {
        "title": "转介", "description": "一次转介。",
        "type": "object",
        "properties": {
          "agency": {"title": "接收机构", "description": "接收转介的机构名称。", "type": "string", "maxLength": 200},
          "service": {"title": "转介服务", "description": "转介的服务内容。", "type": "string", "maxLength": 200},
          "date": {"title": "转介日期", "description": "发出转介的日期。", "type": "string", "format": "date"},
          "reason": {"title": "转介原因", "description": "为什么需要转介。", "type": "string", "maxLength": 1000, "x-sensitive": true}
        },
        "required": ["agency", "reason"]
      }
    },
    "progress_summary": {
      "title": "阶段小结", "description": "介入阶段的整体进展。",
      "type": "string", "maxLength": 2000, "x-sensitive": true
    }
  },
  "required": []
})json";

constexpr const char* kEvaluationTemplate = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "x-stage": "evaluation",
  "title": "评估表",
  "description": "逐项评估目标达成情况（GAS T 分数），收集满意度，社工反思，督导评阅。",
  "type": "object",
  "properties": {
    "goal_attainment": {
      "title": "目标达成情况", "description": "计划中每个目标实际达到的等级。",
      "type": "array", "minItems": 1, "maxItems": 20,
      "x-prefill": "planning.goals",
      "items": {
        "title": "目标", "description": "一个目标的达成情况。",
        "type": "object",
        "properties": {
          "name": {"title": "目标名称", "description": "取自服务计划。", "type": "string", "maxLength": 200},
          "weight": {"title": "权重", "description": "取自服务计划，须大于 0。", "type": "number", "exclusiveMinimum": 0, "maximum": 100},
          "attained": {
            "title": "达成等级", "description": "实际达到的等级，−2 至 +2。",
            "type": "integer", "enum": [-2, -1, 0, 1, 2],
            "x-enum-labels": ["远低于预期", "低于预期", "达到预期", "高于预期", "远高于预期"]
          },
          "evidence": {"title": "依据", "description": "判定等级的事实依据。", "type": "string", "maxLength": 1000, "x-sensitive": true}
        },
        "required": ["name", "weight", "attained"]
      }
    },
    "gas_t_score": {
      "title": "GAS T 分数", "description": "由系统根据各目标的权重和达成等级计算（ρ = 0.3），50 为达到预期。",
      "type": "number", "readOnly": true
    },
    "satisfaction": {
      "title": "满意度", "description": "服务对象对服务的总体满意度，1 为很不满意，5 为非常满意；未收集可不填。",
      "type": "integer", "minimum": 1, "maximum": 5
    },
    "reflection": {
      "title": "社工反思", "description": "对服务过程和成效的反思，以及可改进之处。",
      "type": "string", "maxLength": 2000, "x-sensitive": true
    },
    "supervisor_review": {
      "title": "督导评阅", "description": "督导对本个案服务的评阅意见。",
      "type": "string", "maxLength": 2000, "x-sensitive": true
    }
  },
  "required": ["goal_attainment", "reflection"]
})json";

constexpr const char* kClosureTemplate = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "x-stage": "closed",
  "title": "结案表",
  "description": "结案原因、结案小结和结案后的跟进回访安排。结案须经督导审批。",
  "type": "object",
  "properties": {
    "reason": {
      "title": "结案原因", "description": "结束服务的原因。",
      "type": "string",
      "enum": ["goals_met", "client_wish", "transferred", "unreachable", "deceased", "other"],
      "x-enum-labels": ["目标达成", "服务对象意愿", "已转介", "失去联系", "服务对象离世", "其他"]
    },
    "reason_note": {
      "title": "原因说明", "description": "选择“其他”时必填。",
      "type": "string", "maxLength": 1000, "x-sensitive": true,
      "x-required-if": {"reason": "other"}
    },
    "summary": {
      "title": "结案小结", "description": "服务过程、成效和服务对象现状的总结。",
      "type": "string", "maxLength": 4000, "x-sensitive": true,
      "x-prefill": "evaluation"
    },
    "follow_up_months": {
      "title": "跟进回访", "description": "结案后第几个月回访，默认 1、3、6 个月；结案时生成回访任务。",
      "type": "array", "maxItems": 12,
      "items": {"title": "月数", "description": "结案后的月数。", "type": "integer", "minimum": 1, "maximum": 36}
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
