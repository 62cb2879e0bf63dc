"""Profiles: inheritance from generic (replace, [extend.*], own, chains, cycles), validation of every
section and key at load (one-line errors naming the file and the key), and every shipped profile loading."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from relazione.cli.main import main
from relazione.errors import RelazioneError
from relazione.extract.detect import choose_profile, rank_profiles
from relazione.extract.engine import extract
from relazione.extract.profiles import builtin_profiles, get_profile, load_profile_file
from relazione.readers import read_document

GENERIC = get_profile("generic")

THIN_REPORT = (
    "Camera di Commercio di Lodi\nRelazione sulla performance 2023\n\n"
    "ASSE 1\nCompetitività delle imprese\n\n"
    "OBIETTIVO STRATEGICO 1.1\nDigitalizzazione\n\n"
    "OBIETTIVO OPERATIVO 1.1.1\nPunto Impresa Digitale\n"
    "Indicatore\tPeso\tValore obiettivo 2025\tConsuntivo\n"
    "Imprese assistite\t50%\t>= 100\t130\n"
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- inheritance ---------------------------------------------------------------------------------------

def test_a_thin_profile_has_generic_vocabulary(tmp_path: Path) -> None:
    p = load_profile_file(write(tmp_path, "thin.toml", '[profile]\nname = "thin"\nkind = "relazione"\n'))
    assert (p.name, p.kind, p.family) == ("thin", "relazione", None)
    assert p.headings == GENERIC.headings
    assert p.columns == GENERIC.columns and p.labels == GENERIC.labels and p.report == GENERIC.report
    assert p.detect.phrases == () and p.settings == {}


def test_a_child_value_replaces_the_parents_and_the_other_keys_are_inherited(tmp_path: Path) -> None:
    p = load_profile_file(write(tmp_path, "child.toml", """
[profile]
name = "child"
[columns]
target = ["Valore obiettivo 2025"]
[headings.area]
keywords = ["Asse"]
[report]
year = '(?P<year>20\\d\\d)'
"""))
    assert p.columns["target"] == ("Valore obiettivo 2025",)
    assert p.columns["actual"] == GENERIC.columns["actual"]
    assert list(p.columns) == list(GENERIC.columns)  # a replaced key keeps the parent's place (tie order)
    area = p.heading("area")
    assert area is not None and area.keywords == ("Asse",)
    assert (area.code, area.min_similarity) == (GENERIC.heading("area").code, GENERIC.heading("area").min_similarity)
    assert p.report["year"] == "(?P<year>20\\d\\d)" and p.report["ente"] == GENERIC.report["ente"]


def test_extend_adds_to_the_parents_lists(tmp_path: Path) -> None:
    p = load_profile_file(write(tmp_path, "ext.toml", """
[profile]
name = "ext"
[extend.columns]
target = ["Valore obiettivo 2025", "Target"]
[extend.headings.area]
keywords = ["Quadrante"]
[extend.labels]
mission = ["Missione"]
[extend.report]
title = ['(?P<title>Report finale \\d{4})']
"""))
    assert p.columns["target"] == (*GENERIC.columns["target"], "Valore obiettivo 2025")  # no duplicate "Target"
    area = p.heading("area")
    assert area is not None and area.keywords == (*GENERIC.heading("area").keywords, "Quadrante")
    assert p.labels["mission"] == ("Missione",)
    assert p.report["title"] == [*GENERIC.report["title"], "(?P<title>Report finale \\d{4})"]


def test_empty_list_removes_an_inherited_key_and_own_drops_a_section(tmp_path: Path) -> None:
    p = load_profile_file(write(tmp_path, "own.toml", """
[profile]
name = "own"
own = ["labels"]
[columns]
note = []
[report]
year = []
[headings.area]
keywords = []
[labels]
weight = ["Peso"]
"""))
    assert "note" not in p.columns and "year" not in p.report
    assert [h.level for h in p.headings] == ["strategic", "operational"]
    assert p.labels == {"weight": ("Peso",)}


def test_inherits_false_takes_nothing(tmp_path: Path) -> None:
    p = load_profile_file(write(tmp_path, "alone.toml", '[profile]\nname = "alone"\ninherits = false\n'))
    assert (p.headings, p.columns, p.labels, p.report) == ((), {}, {}, {})


def test_a_chain_of_files_and_builtins(tmp_path: Path) -> None:
    write(tmp_path, "base.toml", """
[profile]
name = "base"
kind = "monitoraggio"
[columns]
actual = ["Valore al 30/6"]
[settings]
anything = 1
""")
    write(tmp_path, "middle.toml",
          '[profile]\nname = "middle"\ninherits = "base.toml"\n[extend.columns]\nactual = ["Dato"]\n')
    p = load_profile_file(write(tmp_path, "leaf.toml", '[profile]\nname = "leaf"\ninherits = "middle.toml"\n'))
    assert p.kind == "monitoraggio" and p.settings == {"anything": 1}
    assert p.columns["actual"] == ("Valore al 30/6", "Dato") and p.columns["target"] == GENERIC.columns["target"]
    # a built-in parent: its family, settings and vocabulary, not its detection phrases
    integra = get_profile("integra")
    child = load_profile_file(
        write(tmp_path, "my_integra.toml", '[profile]\nname = "my_integra"\ninherits = "integra"\n'))
    assert (child.family, child.settings, child.columns) == (integra.family, integra.settings, integra.columns)
    assert child.detect.phrases == ()


def test_a_shipped_chain_inherits_vocabulary_not_detection() -> None:
    relazione, monitoraggio = get_profile("relazione_standard"), get_profile("monitoraggio_standard")
    assert monitoraggio.headings == relazione.headings and monitoraggio.report["ente"] == relazione.report["ente"]
    assert monitoraggio.detect.phrases != relazione.detect.phrases


def test_an_inheritance_cycle_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", '[profile]\nname = "a"\ninherits = "b.toml"\n')
    write(tmp_path, "b.toml", '[profile]\nname = "b"\ninherits = "a.toml"\n')
    with pytest.raises(RelazioneError, match=r"b\.toml: profile\.inherits: eredità circolare a -> b -> a"):
        load_profile_file(tmp_path / "a.toml")
    write(tmp_path, "self.toml", '[profile]\nname = "self"\ninherits = "self.toml"\n')
    with pytest.raises(RelazioneError, match="eredità circolare self -> self"):
        load_profile_file(tmp_path / "self.toml")


def test_a_thin_profile_reads_a_document_with_generic_vocabulary_and_its_own(tmp_path: Path) -> None:
    src = write(tmp_path, "lodi.txt", THIN_REPORT)
    thin = load_profile_file(write(tmp_path, "thin.toml", """
[profile]
name = "lodi"
[extend.headings.area]
keywords = ["Asse"]
[extend.columns]
target = ["Valore obiettivo 2025"]
"""))
    (report,) = extract(read_document(src), thin).reports
    assert [(o.level, o.code) for o in report.objectives] == [("area", "1"), ("strategic", "1.1"),
                                                              ("operational", "1.1.1")]
    (ind,) = report.indicators
    assert (ind.name, ind.target, ind.actual) == ("Imprese assistite", ">= 100", "130")
    assert report.ente == "Camera di Commercio di Lodi" and report.year == 2023


# --- shipped profiles ------------------------------------------------------------------------------------

def test_every_shipped_profile_loads() -> None:
    names = [p.name for p in builtin_profiles()]
    assert "generic" in names and len(names) == len(set(names)) >= 11
    folder = Path(__file__).resolve().parent.parent / "extractors"
    for path in sorted(folder.glob("*.toml")):
        p = load_profile_file(path)  # the same profile when given as a file with --profile
        assert replace(p, path=get_profile(p.name).path) == get_profile(p.name)


def test_detection_of_the_generic_documents_is_unchanged() -> None:
    data = Path(__file__).resolve().parent / "data" / "generic"
    for src in sorted(data.glob("*.txt")):
        assert rank_profiles(read_document(src))[0].profile.name == "generic", src.name


def test_choosing_a_profile_agrees_with_ranking_them_all() -> None:
    """choose_profile stops scoring a profile once it cannot come first: the winner is the ranking's."""
    root = Path(__file__).resolve().parent
    texts = sorted((root.parent / "samples").glob("*.txt")) + sorted((root / "data" / "generic").glob("*.txt"))
    assert len(texts) > 5
    for src in texts:
        doc = read_document(src)
        assert choose_profile(doc).name == rank_profiles(doc)[0].profile.name, src.name


# --- bad profiles: one line, exit 2, no output ---------------------------------------------------------------

BAD = [
    ("colums", '[profile]\nname = "x"\n[colums]\ntarget = ["A"]\n',
     "sezione sconosciuta 'colums' (forse 'columns'?)"),
    ("heading", '[profile]\nname = "x"\n[heading.area]\nkeywords = ["A"]\n',
     "sezione sconosciuta 'heading' (forse 'headings'?)"),
    ("key", '[profile]\nname = "x"\n[report]\ntitel = ["A"]\n', "chiave sconosciuta 'report.titel' (forse 'title'?)"),
    ("headkey", '[profile]\nname = "x"\n[headings.area]\nkeywords = ["A"]\nmin_similarty = 80\n',
     "chiave sconosciuta 'headings.area.min_similarty' (forse 'min_similarity'?)"),
    ("string", '[profile]\nname = "x"\n[columns]\ntarget = "Valore"\n',
     "columns.target deve essere un elenco di testi"),
    ("keywords", '[profile]\nname = "x"\n[headings.area]\nkeywords = "Area"\n',
     "headings.area.keywords deve essere un elenco di testi"),
    ("similarity", '[profile]\nname = "x"\n[headings.area]\nkeywords = ["A"]\nmin_similarity = "high"\n',
     "headings.area.min_similarity deve essere un numero, non un testo ('high')"),
    ("code", "[profile]\nname = \"x\"\n[headings.area]\nkeywords = [\"A\"]\ncode = '\\d+(('\n",
     "headings.area.code: espressione regolare non valida '\\d+(('"),
    ("pattern", "[profile]\nname = \"x\"\n[report]\nyear = ['(?P<year>20\\d\\d']\n",
     "report.year: espressione regolare non valida"),
    ("noname", '[profile]\ndescription = "x"\n', "manca la chiave obbligatoria 'profile.name'"),
    ("field", '[profile]\nname = "x"\n[columns]\ntraget = ["A"]\n',
     "campo di colonna sconosciuto 'columns.traget' (forse 'target'?)"),
    ("label", '[profile]\nname = "x"\n[labels]\nwieght = ["A"]\n',
     "campo di etichetta sconosciuto 'labels.wieght' (forse 'weight'?)"),
    ("level", '[profile]\nname = "x"\n[headings.strategico]\nkeywords = ["A"]\n',
     "livello di titolo sconosciuto 'headings.strategico' (forse 'strategic'?)"),
    ("inherits", '[profile]\nname = "x"\ninherits = "generico"\n',
     "profile.inherits: nessun profilo 'generico' (forse 'generic'?)"),
    ("inherits_file", '[profile]\nname = "x"\ninherits = "nope.toml"\n', "profile.inherits: nessun file di profilo"),
    ("settings", 'settings = 3\n[profile]\nname = "x"\n', "settings deve essere una tabella"),
    ("extend", '[profile]\nname = "x"\n[extend.detect]\nphrases = ["a"]\n', "[detect] non si può estendere"),
    ("kind", '[profile]\nname = "x"\nkind = "relazion"\n', "profile.kind deve essere uno fra"),
    ("family", '[profile]\nname = "x"\nfamily = "integr"\n', "profile.family: nessun modulo di famiglia 'integr'"),
    ("lines", '[profile]\nname = "x"\n[detect]\nlines = "400"\n', "detect.lines deve essere un intero"),
    ("part", '[profile]\nname = "x"\n[[parts]]\nstart = "a"\nprofile = "integro"\n',
     "parts[0].profile: nessun profilo 'integro' (forse 'integra'?)"),
    ("toml", '[profile\nname = "x"\n', "non è un profilo TOML valido"),
    ("kinds", '[profile]\nname = "x"\n[kinds.pria]\nobjective_level = "strategic"\n',
     "tipo di documento sconosciuto 'kinds.pria' (forse 'pira'?)"),
    ("kind_key", '[profile]\nname = "x"\n[kinds.pira]\nobjective_levle = "strategic"\n',
     "chiave sconosciuta 'kinds.pira.objective_levle' (forse 'objective_level'?)"),
    ("kind_level", '[profile]\nname = "x"\n[kinds.pira]\nobjective_level = "strategico"\n',
     "kinds.pira.objective_level deve essere uno fra area, strategic, operational, non 'strategico'"),
    ("kind_field", '[profile]\nname = "x"\n[kinds.pira.classify]\nmision = ["Missione"]\n',
     "campo sconosciuto 'kinds.pira.classify.mision' (forse 'mission'?)"),
    ("kind_words", '[profile]\nname = "x"\n[kinds.pira.classify]\nmission = "Missione"\n',
     "kinds.pira.classify.mission deve essere un elenco di testi"),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_profile_is_one_line_naming_file_and_key(name: str, text: str, message: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    profile = write(tmp_path, f"{name}.toml", text)
    src = write(tmp_path, "lodi.txt", THIN_REPORT)
    out = tmp_path / "out.json"
    assert main(["extract", str(src), "--profile", str(profile), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "errore interno" not in err and "Traceback" not in err
    assert err.startswith(f"relazione: errore: {profile}: "), err
    assert message in err, err
    assert not out.exists()


def test_a_bad_parent_is_named_not_the_child(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "parent.toml", '[profile]\nname = "parent"\n[colums]\nname = ["A"]\n')
    child = write(tmp_path, "child.toml", '[profile]\nname = "child"\ninherits = "parent.toml"\n')
    src = write(tmp_path, "lodi.txt", THIN_REPORT)
    assert main(["extract", str(src), "--profile", str(child), "-o", str(tmp_path / "out.json")]) == 2
    assert capsys.readouterr().err == (f"relazione: errore: {tmp_path / 'parent.toml'}: sezione sconosciuta 'colums' "
                                       "(forse 'columns'?)\n")
