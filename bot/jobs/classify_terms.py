"""The built-in words of the AI classifier (`bot.jobs.classify`).

Title terms make a title an AI job on their own. Description terms are the
vocabulary of building AI: what an AI job's duties and requirements name.
Hint titles (research scientist, recommendations, perception) are AI jobs
only when the description also names that work. The context words say when
a mention is only in passing ("AI-powered tools", "familiarity with ...").
"""

from __future__ import annotations

DEFAULT_AI_TERMS: tuple[str, ...] = (
    "AI",
    "GenAI",
    "artificial intelligence",
    "machine learning",
    "ML",
    "MLOps",
    "deep learning",
    "reinforcement learning",
    "generative",
    "LLM",
    "large language model",
    "foundation model",
    "computer vision",
    "NLP",
    "natural language processing",
    "neural",
    "applied scientist",
    "prompt engineer",
    "prompt engineering",
    "digital replica",
    "digital human",
    "synthetic media",
    "voice cloning",
)
# "data scientist" is not a title term on purpose: at studios it is mostly
# audience analytics. It is a hint title, which the description must back.

#: What the duties of an AI job name, beyond the title terms.
DEFAULT_DESCRIPTION_TERMS: tuple[str, ...] = (
    *DEFAULT_AI_TERMS,
    "language model",
    "generative model",
    "generation model",
    "diffusion model",
    "video model",
    "audio model",
    "speech model",
    "vision model",
    "multimodal model",
    "neural network",
    "transformer",
    "PyTorch",
    "TensorFlow",
    "JAX",
    "scikit-learn",
    "XGBoost",
    "gradient boosting",
    "Hugging Face",
    "fine-tune",
    "fine-tuning",
    "fine-tuned",
    "pretraining",
    "pre-training",
    "post-training",
    "RLHF",
    "inference",
    "model serving",
    "model training",  # also any sentence that trains models ("train and evaluate ranking models")
    "training data",
    "training pipeline",
    "training run",
    "embedding",
    "recommender system",
    "recommendation model",
    "recommendation system",
    "ranking model",
    "retrieval model",
    "learning-to-rank",
    "predictive model",
    "machine learning model",
    "ML model",
    "classifier",
    "speech recognition",
    "speech synthesis",
    "text-to-speech",
    "voice conversion",
    "source separation",
    "object detection",
    "pose estimation",
    "segmentation",
    "optical flow",
    "super-resolution",
    "neural rendering",
    "feature store",
    "model registry",
    "GPU",
    "model evaluation",
)

#: Titles that are AI jobs when the description names the work ("Research Scientist, Recommendations").
DEFAULT_HINT_TITLE_TERMS: tuple[str, ...] = (
    "research scientist",
    "research engineer",
    "applied researcher",
    "scientist",
    "researcher",
    "data scientist",
    "recommendation",
    "recommender",
    "personalization",
    "personalisation",
    "ranking",
    "relevance",
    "perception",
    "speech",
    "inference",
    "model",
    "training",
    "algorithm",
    "annotator",
    "annotation",
    "labeling",
    "labelling",
    "member of technical staff",
    "creative technologist",
)

#: Words right after a term that make it a tool someone uses, not work on AI ("AI-powered tools").
USAGE_AFTER = frozenset(
    {
        "tool", "tools", "assistant", "assistants", "feature", "features", "powered", "driven", "assisted",
        "enabled", "generated", "copilot", "copilots", "engine", "isolation", "reduction", "leveling",
        "fill", "plugin", "plugins", "app", "apps", "team", "teams", "clauses", "clause", "policy",
        "policies", "suggestions",
    }
)  # fmt: skip
#: In a title, only these make a term a tool in use ("Editor, AI-assisted", but "GenAI Tools" is the work).
TITLE_USAGE_AFTER = frozenset({"powered", "driven", "assisted", "enabled", "generated"})
#: Buzzwords: however many a description has, together they count once.
BUZZWORDS = frozenset({"AI", "GenAI", "artificial intelligence", "generative"})
#: Words before a term that give it its everyday meaning ("causal inference", "audience segmentation").
NOT_ML_BEFORE: dict[str, frozenset[str]] = {
    "inference": frozenset({"causal", "statistical", "bayesian"}),
    "segmentation": frozenset({"audience", "customer", "market", "user", "viewer"}),
    "transformer": frozenset({"power", "electrical", "voltage", "pad", "utility"}),
    "classifier": frozenset({"job", "content", "film", "age"}),
}
#: Words right before a term that make it a passing mention ("familiarity with machine learning").
USAGE_BEFORE = frozenset(
    {
        "leverage", "leveraging", "leverages", "familiarity", "familiar", "comfort", "comfortable",
        "exposure", "interest", "interested", "curious", "curiosity", "alongside", "embrace", "embracing",
        "adopting", "adopt", "about", "raised", "by",
    }
)  # fmt: skip
#: A sentence with one of these says a thing is not done ("we do not use generative AI").
NEGATIONS = frozenset({"not", "never", "no", "don", "doesn", "won", "isn", "aren", "nor"})
#: The company speaking: a sentence opening with one of these, or with "we" or "us" anywhere ...
COMPANY_VOICE = frozenset({"we", "our", "us", "ours", "at"})
COMPANY_PRONOUNS = frozenset({"we", "We", "us"})
#: ... unless it speaks to or about the hire.
ROLE_VOICE = frozenset(
    {"you", "your", "yourself", "role", "position", "looking", "seeking", "hiring", "join"}
)
#: Sentences about applying, not about the job.
HIRING_NOTICE = frozenset(
    {"application", "applications", "applicant", "applicants", "resume", "resumes", "cv", "interview",
     "interviews", "accommodation", "accommodations"}
)  # fmt: skip
#: Phrases that make a sentence a nice-to-have, not the job.
NICE_TO_HAVE = ("a plus", "nice to have", "nice-to-have", "is a bonus", "not required", "bonus points")
