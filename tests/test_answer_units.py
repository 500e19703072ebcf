"""Pure parts of question answering: tokens, evidence units, question cues, model output."""

from __future__ import annotations

import pytest

from kb.answer import Sentence
from kb.answer_model import build_prompt, escape_pieces, finish, question_language
from kb.lexical import TOKENIZER_VERSION, tokenize
from kb.passages import is_caption, split_units, table_rows
from kb.question import analyse, focus_words, holds_answer_kind

# as PyMuPDF reads Multi-LexSum's Table 3 (p. 7): caption, header, rows in one run
TABLE = (
    "Table 3: Performance of baseline models on different MDS tasks in Multi-LexSum. "
    "D →L D →S Models R-1f1 R-2f1 Words R-1f1 R-2f1 Words "
    "BART 48.79 23.78 351.3 43.55 19.98 114.0 LED-16384 49.07 25.17 310.1 46.54 22.08 108.0 "
    "PRIMERA 53.73 27.32 416.3 45.51 21.04 110.2"
)


def test_tokenize_keeps_model_names_versions_and_numbers() -> None:
    (tokens,) = tokenize(["Both are based on Qwen2.5-7b; GPT-4o scores 28.4 on 33,511 pairs."])
    assert {"qwen2.5-7b", "gpt-4o", "28.4", "33511"} <= set(tokens)
    assert {"qwen2.5", "qwen", "gpt"} <= set(tokens), "parts match a shorter mention"
    assert "28" not in tokens and "4" not in tokens, "a decimal number is one token"
    assert "base" in tokens and "score" in tokens, "plain words are stemmed"
    assert "are" not in tokens and "on" not in tokens
    (question,) = tokenize(["Which LLM is Qwen2.5 fine-tuned from?"])
    assert {"qwen2.5", "finetun"} <= set(question) and "which" not in question
    assert tokenize([]) == [] and tokenize([""]) == [[]]
    assert TOKENIZER_VERSION >= 2


def test_units_know_captions_and_table_rows() -> None:
    units = split_units(TABLE)
    kinds = [u.kind for u in units]
    assert kinds[0] == "caption" and kinds.count("row") == 3
    primera = next(u for u in units if u.text.startswith("PRIMERA"))
    assert primera.text == "PRIMERA 53.73 27.32 416.3 45.51 21.04 110.2"
    assert primera.context.startswith("Table 3: Performance") and "R-1f1" in primera.context
    assert "Table 3" in primera.full_text and "53.73" in primera.full_text
    header, rows = table_rows("Method Precision Recall GPT-4o 0.96 0.69 PaSa-7b 0.95 0.78")
    assert header == "Method Precision Recall"
    assert rows == ["GPT-4o 0.96 0.69", "PaSa-7b 0.95 0.78"], "a name with digits is a label"
    glued = split_units(
        "The details are below and the text goes on Table 3: Functions of the Crawler."
    )
    assert [u.kind for u in glued] == ["sentence", "caption"]
    assert is_caption("Figure 2: Results.") and not is_caption("Tables are useful here.")


@pytest.mark.parametrize(
    ("question", "wants", "focus"),
    [
        ("How many seconds does PaSa take per query?", "number", {"second"}),
        ("Which LLM is PaSa based on?", "model", {"llm"}),
        ("What datasets did they build?", "dataset", {"dataset"}),
        ("Under which open-source license is the code released?", "any", {"licens"}),
        ("What is the Crawler?", "any", {"crawler"}),
        ("Why does it work?", "any", set()),
    ],
)
def test_question_cues(question: str, wants: str, focus: set[str]) -> None:
    analysed = analyse(question)
    assert analysed.wants == wants
    assert focus <= analysed.focus and (focus or not analysed.focus)


def test_entity_kinds() -> None:
    assert holds_answer_kind("model", "both based on the Qwen2.5-7b (Yang et al., 2024)")
    assert not holds_answer_kind("model", "PaSa consists of two LLM agents.")
    assert holds_answer_kind("number", "It contains 50 real-world academic queries.")
    assert not holds_answer_kind("number", "As shown in prior work [12, 24].")
    assert holds_answer_kind("dataset", "We build a dataset, AutoScholarQuery, of queries.")
    assert not holds_answer_kind("dataset", "We build a dataset of queries.")
    assert focus_words("What is the inter-annotator agreement between writers?") == [
        "inter-annotator", "agreement",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "question",
    [
        "What do the authors see as a key obstacle to comparing methods?",
        "What does the project offer for sharing models?",
        "What new kind of validation do the authors introduce?",
        "What shortcoming in the diversity of environments do they point out?",
        "What simplifying assumption about summary units do they flag?",
        "In what ways could language models make synthesis more efficient?",
        "What happens to PRIMERA's results when the input summary is generated?",
    ],
)
def test_no_focus_when_the_words_name_only_the_kind_of_answer(question: str) -> None:
    """Answers to these never use the words after "what" (answerable questions of the earlier
    sets were declined for it); a focus that names content is kept."""
    assert focus_words(question) == []
    assert analyse(question).focus == frozenset()


def test_a_focus_that_names_content_is_kept() -> None:
    assert focus_words("How many seconds does PaSa take per query?") == ["seconds"]
    assert focus_words("What hardware was used to generate the summaries?") == ["hardware"]
    assert focus_words("What datasets did they build?") == ["datasets"]
    assert focus_words("How long did it take to train the model?") == ["it", "take"]


EVIDENCE = [
    Sentence("PaSa is trained with PPO.", "2501.10120", 6, 1, (0, 6, 0)),
    Sentence("The Selector reaches 0.85 F1.", "2501.10120", 9, 2, (1, 9, 0)),
]


def test_finish_keeps_only_cited_evidence_pages() -> None:
    raw = "Sure! Here is the answer: PaSa uses PPO [p. 6]. It is great [p. 999]. Unsupported."
    done = finish(raw, EVIDENCE)
    assert done.text == "PaSa uses PPO [p. 6]."
    assert [s.page for s in done.cited] == [6]
    assert finish("NOT FOUND", EVIDENCE).text == ""
    assert finish("Only a claim without a page.", EVIDENCE).text == ""
    chinese = finish("PaSa 使用 PPO 训练 [p. 6]。它很好 [p. 42]。", EVIDENCE)
    assert chinese.text.startswith("PaSa 使用 PPO 训练") and "[p. 42]" not in chinese.text


def test_prompt_has_history_evidence_and_language() -> None:
    prompt = build_prompt("它用什么训练？", EVIDENCE, [("What is PaSa?", "An agent [p. 1].")], "zh")
    assert "<paper_data>" in prompt and "[p. 6] PaSa is trained with PPO." in prompt
    assert "Q: What is PaSa?" in prompt and "Answer in Chinese" in prompt
    assert question_language("它用什么训练？") == "zh" and question_language("What?") == "en"


def test_escaped_stream_pieces_keep_their_spaces() -> None:
    pieces = list(escape_pieces(["The ", "*bold* ", "[p. 4]", " ", "end."]))
    assert "".join(pieces) == "The \\*bold\\* \\[p. 4\\] end."


def test_openai_stream_reads_server_sent_events(fake_openai) -> None:
    from kb.config import LLMSettings
    from kb.errors import LLMError
    from kb.llm.openai_compat import OpenAICompatLLM

    llm = OpenAICompatLLM(LLMSettings(backend="openai", base_url=fake_openai.url), backoff_s=0)
    fake_openai.reply("PaSa uses two agents [p. 2].")
    pieces = list(llm.stream("Q?", system="S"))
    assert pieces == ["PaSa ", "uses ", "two ", "agents ", "[p. ", "2]."]
    sent = fake_openai.chat_requests[-1]
    assert sent["json"]["stream"] is True and sent["headers"]["Accept"] == "text/event-stream"
    fake_openai.bad_json(b'{"choices": [{"message": {"content": "Whole [p. 1]."}}]}')
    assert list(llm.stream("Q?")) == ["Whole [p. 1]."], "a server that ignores stream: true"
    fake_openai.bad_json()
    with pytest.raises(LLMError, match=r"/chat/completions returned invalid JSON"):
        list(llm.stream("Q?"))


def test_the_focus_rule_declines_only_weak_evidence() -> None:
    """No unit says "seconds": declined when the best score is middling, kept when strong."""
    from kb.answer import should_decline
    from kb.config import load_settings

    settings = load_settings().qa
    question = analyse("How many seconds does PaSa take on average to answer one query?")
    assert "second" in question.focus

    def ranked(score: float) -> list[Sentence]:
        unit = Sentence("PaSa answers a query in 0.7 s on average.", "2501.10120", 7, 1,
                        (0, 0, 0), score=score, terms=frozenset({"pasa", "answer", "query"}))  # fmt: skip
        return [unit]

    assert should_decline(question, ranked(settings.min_score - 0.01), settings)
    assert should_decline(question, ranked(settings.focus_override - 0.05), settings)
    assert not should_decline(question, ranked(settings.focus_override), settings)
    with_focus = [Sentence("PaSa takes 42 seconds.", "2501.10120", 7, 1, (0, 0, 1),
                           score=settings.min_score, terms=frozenset({"second", "pasa"}))]  # fmt: skip
    assert not should_decline(question, with_focus, settings)
    other = analyse("What restriction on which lawsuits are included does the datasheet name?")
    assert other.focus and other.wants != "number"
    assert not should_decline(other, ranked(settings.focus_override - 0.05), settings), (
        "only a number's quantity must be mentioned: other answers paraphrase their focus"
    )


def test_question_names_and_what_a_paper_never_mentions() -> None:
    from kb.question import missing_names, question_names

    assert question_names("What mAP does LayoutParser's model reach on PubLayNet?") == [
        "mAP", "LayoutParser", "PubLayNet",
    ]  # fmt: skip
    assert question_names("What four NLP-powered features does it offer?") == ["NLP"]
    assert question_names("Is Qwen2.5-7b better than GPT-4o?") == ["Qwen2.5", "GPT"]
    assert question_names("What is the Crawler, and how was it trained?") == []
    assert question_names("Is it better than XGBoost or CTRLsum?") == ["XGBoost", "CTRLsum"]
    text = "We train on 8 GPU nodes. Pub-\nLayNet: mAP 90.2, root mean squared error 0.4."
    names = ("GPUs", "PubLayNet", "mAP", "RMSE", "KITTI", "AUROC")
    assert missing_names(names, text) == ["KITTI", "AUROC"]
    assert missing_names(("map",), "a mapping of pages") == ["map"]  # whole words only


def test_proper_names_are_capitalised_words_inside_a_sentence() -> None:
    from kb.question import proper_names

    assert proper_names("Can CiteSee import a user's Zotero or Mendeley library?") == [
        "Zotero", "Mendeley",
    ]  # fmt: skip
    assert proper_names("What Cronbach's alpha did the Flesch-Kincaid test reach?") == [
        "Cronbach", "Flesch", "Kincaid",
    ]  # fmt: skip
    # a sentence's first word, the parts of a paper and names of other shapes are left out
    assert proper_names("It moves by 0.1% after shuffling. Why does that happen?") == []
    assert proper_names("What does Table 3 of Study 2 report for GPT-4o?") == []
    assert analyse("How does it compare with Elicit?").proper_names == ("Elicit",)
    assert proper_names("Is it on the Chrome Web Store, like Connected Papers?") == [
        "Chrome", "Web", "Store", "Connected", "Papers", "Chrome Web Store", "Connected Papers",
    ]  # fmt: skip


def test_examples_the_paper_never_mentions_decline_only_when_none_is_mentioned() -> None:
    from kb.question import question_examples, unmentioned

    asked = "Which engine (for example davinci or curie) wrote the gists?"
    assert question_examples(asked) == ["davinci", "curie"]
    assert question_examples("How fast is it, for example in frames per second?") == []
    assert question_examples("Is it better than a baseline such as BM25 or the rest?") == ["BM25"]
    text = "We generate the gists with GPT-3 (text-davinci-002)."
    assert unmentioned(analyse(asked), text) == [], "one example mentioned: it may answer"
    assert unmentioned(analyse(asked), "We generate the gists with GPT-3.") == [
        "davinci", "curie",
    ]  # fmt: skip
    pot = analyse("What does it report on DeepMind's Melting Pot?")
    assert unmentioned(pot, "A survey of games.") == ["DeepMind", "Melting Pot"]
    proper = analyse("Can it export to Zotero, like Semantic Scholar does?")
    assert unmentioned(proper, "Semantic features; a scholar's library.") == [
        "Zotero", "Semantic Scholar",
    ]  # fmt: skip


def test_a_question_asking_for_a_number_is_declined_when_the_best_units_hold_none() -> None:
    """ "How many runs ..." answered by "the average of multiple runs" is not an answer."""
    from kb.answer import should_decline
    from kb.config import load_settings

    settings = load_settings().qa
    question = analyse("How many random seeds were the scores averaged over?")
    assert question.wants == "number"

    def unit(text: str, score: float, order: int) -> Sentence:
        return Sentence(text, "1903.10676", 1, 1, (0, 0, order), score=score,
                        terms=frozenset({"seed", "random", "average"}))  # fmt: skip

    vague = unit("All results are the average of multiple runs with different random seeds.",
                 settings.focus_override + 0.1, 0)  # fmt: skip
    counted = unit("Each score averages 5 runs with different random seeds.", 0.7, 1)
    filler = unit("Results vary with the random seed, as expected for small data.", 0.7, 1)
    assert should_decline(question, [vague, filler, counted], settings), "none of the best two"
    assert not should_decline(question, [vague, counted, filler], settings)
    off = settings.model_copy(update={"number_window": 0, "count_window": 0})
    assert not should_decline(question, [vague, filler], off)
    other = analyse("Why were the scores averaged over random seeds?")
    assert other.wants != "number" and not should_decline(other, [vague, filler], settings)


def test_names_the_best_units_lack_do_not_decline_a_question_the_paper_can_answer() -> None:
    """A question naming RealScholarQuery and Crawler-7B whose five best units name neither
    is answered: the paper's tables hold such names outside the best units (participant
    "P1", the "R2R" leaderboard); a name the whole paper lacks is declined before any
    evidence is weighed (``unmentioned``)."""
    from kb.answer import should_decline
    from kb.config import load_settings
    from kb.question import Question, unmentioned

    settings = load_settings().qa
    question = Question("How does it fare on RealScholarQuery against Crawler-7B?", "any",
                        frozenset({"fare", "realscholarquery"}), frozenset(),
                        ("RealScholarQuery", "Crawler-7B"))  # fmt: skip
    plain = [Sentence(f"Our agent fares well on real academic queries ({i}).", "2501.10120", 8,
                      1, (0, 0, i), score=0.8) for i in range(settings.focus_window)]  # fmt: skip
    assert not should_decline(question, plain, settings)
    assert unmentioned(question, "Our agent fares well.") == ["RealScholarQuery", "Crawler-7B"]
    assert unmentioned(question, "RealScholarQuery ... Crawler-7B") == []


def test_a_how_many_question_is_declined_when_no_best_unit_counts_what_it_asks_about() -> None:
    """ "How many hospitals ..." answered by "51,697 inpatient admissions" is declined; a
    unit counting hospitals, or a table row naming them, keeps the answer; count_window 0
    turns the rule off."""
    from kb.answer import should_decline
    from kb.config import load_settings
    from kb.question import analyse, counted_terms, states_count

    settings = load_settings().qa
    question = analyse("How many hospitals of the health system contributed admissions?")
    assert question.counted == counted_terms(question.text) == frozenset({"hospit"})
    assert counted_terms("What did they count?") == frozenset()

    def unit(text: str, order: int, kind: str = "sentence", context: str = "") -> Sentence:
        return Sentence(text, "1708.05894", 7, 1, (0, 0, order), score=1.0, kind=kind,
                        context=context)  # fmt: skip

    admissions = unit("Our dataset has 51,697 inpatient admissions from our health system.", 0)
    assert not states_count(question.counted, admissions.text)
    assert should_decline(question, [admissions], settings)
    hospitals = unit("The admissions come from three community hospitals and one clinic.", 1)
    assert states_count(question.counted, hospitals.text)
    assert not should_decline(question, [admissions, hospitals], settings)
    row = unit("Site A | 2", 2, "row", "Table 2: Hospitals and their admissions")
    assert not should_decline(question, [admissions, row], settings)
    late = [admissions] * settings.count_window + [hospitals]
    assert should_decline(question, late, settings), "a count past the window is too far"
    off = settings.model_copy(update={"count_window": 0})
    assert not should_decline(question, [admissions], off)
    faster = counted_terms("How many times faster than TAPAS is it?")
    assert states_count(faster, "It runs 2.5× faster.") and states_count(faster, "3x faster")
    seconds = counted_terms("How many seconds does a query take?")
    assert states_count(seconds, "A query takes 0.7 s.") and not states_count(seconds, "7 GPUs")


def test_a_hyphenated_name_is_also_a_name_as_a_whole() -> None:
    """ "GRU-D" is not GRU: a paper mentioning GRU but never GRU-D does not answer a question
    about GRU-D; written without the hyphen it is mentioned."""
    from kb.question import question_names, unmentioned

    assert question_names("How does it compare with GRU-D and TAT-QA?") == [
        "GRU", "GRU-D", "TAT", "QA", "TAT-QA"
    ]  # fmt: skip
    assert question_names("Which BioASQ-trained model?") == ["BioASQ"], "a word is no name"
    question = analyse("How does the MGP-RNN compare with GRU-D?")
    paper = "The MGP-RNN beats a GRU baseline on every metric."
    assert unmentioned(question, paper) == ["GRU-D"]
    assert unmentioned(question, paper + " GRUD imputes decayed inputs.") == []
