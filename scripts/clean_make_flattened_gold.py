"""Build eval/flattened/: flattened news pages wrapped in CMS furniture, with gold answers.

Articles come from the VOA corpus (public domain; VOA-authored stories only,
credit Voice of America) and Wikinews (CC BY 2.5) in ../shared/corpus. Each
page imitates how a scraper flattens one of five CMS page styles, with field
labels in one of five languages (en, es, fr, de, pt). The gold record gives
the title, the publication date and the article's body lines; every other
non-blank line is furniture.

    .venv/bin/python scripts/clean_make_flattened_gold.py   # rewrites eval/flattened/pages + gold.jsonl
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
import zlib
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "eval" / "flattened"
SEED = 20240424
N_VOA, N_WIKI = 20, 20

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
}


def fmt_date(d: date, lang: str, style: int) -> str:
    m = MONTHS[lang].split()[d.month - 1]
    if lang == "en":
        return [f"{m} {d.day}, {d.year}", f"{d.day} {m} {d.year}", d.isoformat(),
                f"{m[:3]} {d.day}, {d.year}"][style % 4]
    if lang in ("es", "pt"):
        return [f"{d.day} de {m} de {d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}",
                f"{d.day} {m.capitalize()} {d.year}"][style % 3]
    if lang == "fr":
        return [f"{d.day} {m} {d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}"][style % 2]
    return [f"{d.day}. {m} {d.year}", f"{d.day:02d}.{d.month:02d}.{d.year}"][style % 2]


# Words each CMS prints, per language. Written from what such sites show,
# independently of the cleaner's lexicon (some phrases are deliberately ones
# no list would hold, so that only general features can catch them).
T = {
    "published": {"en": "Published:", "es": "Fecha de publicación:", "fr": "Date de publication :",
                  "de": "Veröffentlicht am", "pt": "Data de publicação:"},
    "image": {"en": "Main image:", "es": "Imagen principal:", "fr": "Image principale :",
              "de": "Titelbild:", "pt": "Imagem destacada:"},
    "add_comment": {"en": "Add new comment", "es": "Añadir nuevo comentario",
                    "fr": "Ajouter un commentaire", "de": "Neuen Kommentar hinzufügen",
                    "pt": "Adicionar comentário"},
    "your_name": {"en": "Your name", "es": "Su nombre", "fr": "Votre nom", "de": "Ihr Name",
                  "pt": "Seu nome"},
    "comment": {"en": "Comment", "es": "Comentario", "fr": "Commentaire", "de": "Kommentar",
                "pt": "Comentário"},
    "captcha": {"en": ["This question is for testing whether or not you are a human visitor and "
                       "to prevent automated spam submissions.",
                       "Enter the characters shown in the image."],
                "es": ["Esta pregunta es para comprobar si usted es un visitante humano y "
                       "prevenir envíos automáticos de spam.",
                       "Introduzca los caracteres que aparecen en la imagen."],
                "fr": ["Cette question permet de vérifier que vous n'êtes pas un robot spammeur.",
                       "Recopiez le code affiché ci-dessus."],
                "de": ["Diese Frage dient dazu festzustellen, ob Sie ein menschlicher Besucher "
                       "sind, und um automatisierten Spam zu verhindern.",
                       "Bitte das Ergebnis eintragen."],
                "pt": ["Esta pergunta serve para verificar se você é um visitante humano e para "
                       "evitar spam.", "Digite os caracteres da imagem."]},
    "home": {"en": "Home", "es": "Inicio", "fr": "Accueil", "de": "Startseite", "pt": "Início"},
    "world": {"en": "World", "es": "Internacional", "fr": "Monde", "de": "Ausland",
              "pt": "Mundo"},
    "posted": {"en": "Posted on {d} by {a}", "es": "Publicado el {d} por {a}",
               "fr": "Publié le {d} par {a}", "de": "Veröffentlicht am {d} von {a}",
               "pt": "Publicado em {d} por {a}"},
    "share_this": {"en": "Share this:", "es": "Compartir esto:", "fr": "Partager :",
                   "de": "Teilen mit:", "pt": "Compartilhe isso:"},
    "like_this": {"en": "Like this:", "es": "Me gusta esto:", "fr": "J'aime ça :",
                  "de": "Gefällt mir:", "pt": "Curtir isso:"},
    "loading": {"en": "Loading...", "es": "Cargando...", "fr": "Chargement…",
                "de": "Wird geladen …", "pt": "Carregando..."},
    "related": {"en": "Related", "es": "Relacionado", "fr": "Articles similaires",
                "de": "Ähnliche Beiträge", "pt": "Relacionado"},
    "reply": {"en": "Leave a Reply", "es": "Deja una respuesta", "fr": "Laisser un commentaire",
              "de": "Schreibe einen Kommentar", "pt": "Deixe um comentário"},
    "email_note": {"en": "Your email address will not be published. Required fields are marked *",
                   "es": "Tu dirección de correo electrónico no será publicada. Los campos "
                         "obligatorios están marcados con *",
                   "fr": "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires "
                         "sont indiqués avec *",
                   "de": "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche "
                         "Felder sind mit * markiert",
                   "pt": "O seu endereço de e-mail não será publicado. Campos obrigatórios "
                         "são marcados com *"},
    "post_comment": {"en": "Post Comment", "es": "Publicar el comentario",
                     "fr": "Laisser un commentaire", "de": "Kommentar abschicken",
                     "pt": "Publicar comentário"},
    "skip": {"en": "Skip to main content", "es": "Saltar al contenido", "fr": "Aller au contenu",
             "de": "Zum Inhalt springen", "pt": "Pular para o conteúdo"},
    "menu": {"en": ["World", "Politics", "Business", "Tech", "Opinion", "Video"],
             "es": ["Portada", "Mundo", "Economía", "Opinión", "Deportes"],
             "fr": ["À la une", "International", "Politique", "Économie", "Culture"],
             "de": ["Politik", "Wirtschaft", "Kultur", "Meinung", "Video"],
             "pt": ["Últimas", "Mundo", "Política", "Economia", "Esportes"]},
    "by": {"en": "By", "es": "Por", "fr": "Par", "de": "Von", "pt": "Por"},
    "updated": {"en": "Updated", "es": "Actualizado", "fr": "Mis à jour le",
                "de": "Aktualisiert am", "pt": "Atualizado em"},
    "advert": {"en": "Advertisement", "es": "Publicidad", "fr": "Publicité", "de": "Anzeige",
               "pt": "Publicidade"},
    "read_more": {"en": "Read more:", "es": "Lea también:", "fr": "Lire aussi :",
                  "de": "Lesen Sie auch:", "pt": "Leia também:"},
    "cookies": {"en": "We use cookies to personalise content and ads and to analyse our traffic. "
                      "By continuing to browse you agree to our use of cookies.",
                "es": "Utilizamos cookies propias y de terceros para mejorar nuestros servicios. "
                      "Si continúa navegando, consideramos que acepta su uso.",
                "fr": "Nous utilisons des cookies pour vous garantir la meilleure expérience sur "
                      "notre site. En poursuivant, vous acceptez leur utilisation.",
                "de": "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis bieten zu "
                      "können. Mit der Nutzung stimmen Sie dem zu.",
                "pt": "Utilizamos cookies para melhorar a sua experiência. Ao continuar a "
                      "navegar, você concorda com a nossa política."},
    "accept": {"en": "Accept", "es": "Aceptar", "fr": "J'accepte", "de": "Einverstanden",
               "pt": "Aceitar"},
    "rights": {"en": "© {y} Global Wire Media. All rights reserved.",
               "es": "© {y} Diario Global. Todos los derechos reservados.",
               "fr": "© {y} Le Quotidien Mondial. Tous droits réservés.",
               "de": "© {y} Weltblick Verlag GmbH. Alle Rechte vorbehalten.",
               "pt": "© {y} Jornal do Mundo. Todos os direitos reservados."},
    "category": {"en": "Category:", "es": "Categoría:", "fr": "Catégorie :", "de": "Kategorie:",
                 "pt": "Categoria:"},
    "written": {"en": "Written by", "es": "Escrito por", "fr": "Écrit par", "de": "Geschrieben von",
                "pt": "Escrito por"},
    "hits": {"en": "Hits: {n}", "es": "Visto: {n}", "fr": "Affichages : {n}", "de": "Zugriffe: {n}",
             "pt": "Acessos: {n}"},
    "tags": {"en": "Tags:", "es": "Etiquetas:", "fr": "Mots-clés :", "de": "Schlagwörter:",
             "pt": "Tags:"},
    "prevnext": {"en": "< Prev  Next >", "es": "< Anterior  Siguiente >",
                 "fr": "< Précédent  Suivant >", "de": "< Zurück  Weiter >",
                 "pt": "< Anterior  Próximo >"},
    "min_read": {"en": "{n} min read", "es": "{n} min de lectura", "fr": "{n} min de lecture",
                 "de": "{n} Min. Lesezeit", "pt": "{n} min de leitura"},
    "newsletter": {"en": ["Get the best of Dispatch in your inbox", "Enter your email",
                          "Sign up for free"],
                   "es": ["Recibe lo mejor de Despacho en tu correo", "Tu correo electrónico",
                          "Suscríbete gratis"],
                   "fr": ["Recevez le meilleur de Dépêche dans votre boîte", "Votre e-mail",
                          "Je m'inscris"],
                   "de": ["Das Beste von Depesche in Ihrem Postfach", "Ihre E-Mail-Adresse",
                          "Kostenlos anmelden"],
                   "pt": ["Receba o melhor do Despacho no seu e-mail", "Seu e-mail",
                          "Inscreva-se grátis"]},
    "thanks": {"en": "Thanks for reading!", "es": "¡Gracias por leer!", "fr": "Merci de votre lecture !",
               "de": "Danke fürs Lesen!", "pt": "Obrigado pela leitura!"},
}
STYLES = ("drupal", "wordpress", "portal", "joomla", "blog")
LANGS = ("en", "es", "fr", "de", "pt")
HOSTS = {"drupal": "news-{l}.example.org", "wordpress": "blog-{l}.example.net",
         "portal": "www.portal-{l}.example.com", "joomla": "diario-{l}.example.info",
         "blog": "dispatch-{l}.example.io"}


def split_paragraphs(text: str, rng: random.Random) -> list[str]:
    """VOA texts are one block: cut them into paragraphs of 1-3 sentences."""
    sents = re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z“\"])", text.strip())
    # re-join splits after abbreviations ("U.S.", "Dr.") and initials
    abbrev = re.compile(r"(?:\b[A-Z]\.|\b(?:Dr|Mr|Mrs|Ms|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Jr|Sr|No|"
                        r"Prof|Capt|Maj|Adm|Gov|Amb|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.)[\"”’]?$")
    merged: list[str] = []
    for s in sents:
        if merged and abbrev.search(merged[-1]):
            merged[-1] += " " + s
        else:
            merged.append(s)
    sents = merged
    paras, cur = [], []
    for s in sents:
        cur.append(s)
        if len(cur) >= rng.choice((1, 2, 2, 3)):
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return paras


def load_articles(rng: random.Random) -> list[dict]:
    voa = [json.loads(line) for line in (SHARED / "voa" / "voa_stories.jsonl").open(encoding="utf-8")]
    wire = re.compile(r"reuters|associated press|\bap\b|afp", re.I)
    voa = [r for r in voa if r.get("author") and not wire.search(r["author"])
           and not wire.search(r["text"][-200:]) and len(r["text"]) > 800]
    rng.shuffle(voa)
    out = []
    for r in voa[:N_VOA]:
        out.append({"title": r["title"], "published": r["published"][:10], "author": r["author"],
                    "body": split_paragraphs(r["text"], rng), "origin": f"voa:{r['id']}",
                    "licence": "public domain (Voice of America)"})
    wiki = []
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        with (SHARED / "wikinews" / name).open(encoding="utf-8", newline="") as fh:
            wiki += list(csv.DictReader(fh))
    wiki = [w for w in wiki if len(w["text"]) > 800]
    rng.shuffle(wiki)
    for w in wiki[:N_WIKI]:
        paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", w["text"]) if p.strip()]
        dateline = None
        if paras and len(paras[0].split()) <= 6 and re.search(r"\d{4}$", paras[0]):
            dateline = paras.pop(0)  # Wikinews's own "Friday, January 4, 2019" line
        # Read by hand: Wikinews texts keep photo captions ("... Image: Paul Budd.")
        # and gallery labels (a few words, no sentence end) as paragraphs; a
        # reader would not call them article text, so the gold marks them furniture.
        captions = [p for p in paras if "Image: " in p or (len(p.split()) <= 5
                    and not re.search(r"[.!?\"”]$", p))]
        paras = [p for p in paras if p not in captions]
        out.append({"title": w["title"], "published": w["date"], "author": None, "body": paras,
                    "captions": captions,
                    "origin": w["url"], "licence": "CC BY 2.5 (Wikinews contributors)",
                    "dateline": dateline})
    return out


def render(art: dict, style: str, lang: str, rng: random.Random) -> tuple[list[str], str]:
    d = date.fromisoformat(art["published"])
    ds = fmt_date(d, lang, rng.randrange(4))
    title = art["title"]
    body = list(art["body"])
    for cap in art.get("captions", []):  # put captions back where a page shows them
        body.insert(rng.randrange(1, max(2, len(body))), cap)
    author = art["author"] or rng.choice(["Staff Reporter", "Newsdesk", "A. Correspondent"])
    pre: list[str] = []
    post: list[str] = []
    mid: dict[int, list[str]] = {}
    host = HOSTS[style].format(l=lang)
    if art.get("dateline"):
        body_start = [art["dateline"], ""]
    else:
        body_start = []
    if style == "drupal":
        pre = [title, "", title, T["published"][lang], ds, T["image"][lang], ""]
        post = ["", T["add_comment"][lang], "", T["your_name"][lang], T["comment"][lang],
                *T["captcha"][lang]]
    elif style == "wordpress":
        crumbs = f"{T['home'][lang]} » {T['world'][lang]} » {title[:40]}…"
        pre = [crumbs, "", title, T["posted"][lang].format(d=ds, a=author), ""]
        others = rng.sample(["Ceasefire talks stall again", "Aid convoy reaches the border town",
                             "Parliament votes on new budget", "Floods displace thousands"], 3)
        post = ["", T["share_this"][lang], "Twitter", "Facebook", "", T["like_this"][lang],
                T["loading"][lang], "", T["related"][lang], *others, "", T["reply"][lang],
                T["email_note"][lang], f"{T['comment'][lang]} *", "Name *", "Email *",
                "Website", T["post_comment"][lang]]
    elif style == "portal":
        time_s = f"{rng.randrange(6, 23):02d}:{rng.randrange(60):02d} GMT"
        pre = [T["skip"][lang], *T["menu"][lang], "", title, "", f"{T['by'][lang]} {author}",
               f"{T['updated'][lang]} {time_s}, {ds}", ""]
        credit = rng.choice(["(Photo: AFP)", "(AP Photo/File)", "Photo: Reuters",
                             "Getty Images"])
        mid[1] = [f"{rng.choice(['A view of the scene', 'Officials at a briefing', 'Protesters gather'])} {credit}"]
        if len(body) > 4:
            mid[len(body) // 2] = [T["advert"][lang]]
        mid[len(body) - 1] = [f"{T['read_more'][lang]} {rng.choice(['Ceasefire talks stall again', 'Aid convoy reaches the border town', 'Markets slide on tariff fears'])}"]
        post = ["", T["rights"][lang].format(y=d.year), T["cookies"][lang], T["accept"][lang]]
    elif style == "joomla":
        crumbs = f"{T['home'][lang]} / {T['world'][lang]} / {title[:30]}"
        pre = [crumbs, "", title, f"{T['written'][lang]} {author}",
               f"{T['category'][lang]} {T['world'][lang]}",
               f"{T['published'][lang].rstrip(':').rstrip()}: {ds}" if lang != "de"
               else f"Veröffentlicht: {ds}",
               T["hits"][lang].format(n=rng.randrange(100, 9000)), ""]
        post = ["", f"{T['tags'][lang]} {', '.join(rng.sample(['Iran', 'Russia', 'UN', 'Africa', 'Asia', 'Europe'], 3))}",
                "", T["prevnext"][lang]]
    else:  # blog
        deck = body[0] if len(body[0].split()) < 40 and len(body) > 3 else None
        pre = [title, "", author, f"{T['min_read'][lang].format(n=rng.randrange(2, 9))} · {ds}", ""]
        post = ["", T["thanks"][lang], *T["newsletter"][lang]]
        del deck
    lines = list(pre) + body_start
    for i, para in enumerate(body):
        lines.append(para)
        for extra in mid.get(i, []):
            lines += ["", extra]
        lines.append("")
    lines += post
    return lines, f"https://{host}/{d.year}/{d.month:02d}/{zlib.crc32(title.encode()) % 10**6}"


def main() -> int:
    rng = random.Random(SEED)
    arts = load_articles(rng)
    pages = OUT / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for old in pages.glob("*.txt"):
        old.unlink()
    gold = []
    for n, art in enumerate(arts):
        style = STYLES[n % len(STYLES)]
        lang = LANGS[(n // len(STYLES)) % len(LANGS)]
        lines, url = render(art, style, lang, random.Random(SEED + n))
        name = f"{n + 1:03d}_{style}_{lang}.txt"
        (pages / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        gold.append({"file": f"pages/{name}", "style": style, "labels_language": lang, "url": url,
                     "title": art["title"], "published": art["published"],
                     "body": art["body"], "origin": art["origin"], "licence": art["licence"]})
    with (OUT / "gold.jsonl").open("w", encoding="utf-8") as fh:
        for g in gold:
            fh.write(json.dumps(g, ensure_ascii=False) + "\n")
    print(f"wrote {len(gold)} pages to {pages}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
