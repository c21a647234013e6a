"""What outreach trackers write in a status column, and which pipeline stage each means.

Trackers say “Not Started”, “Replied” or “Contacted ✅” where infcrm has Prospect, In talks and
Contacted, and teams write them in their own language (“Contacté”, “Kontaktiert”, “Sí”). A value
is matched to the user's own stage names first (ignoring case, accents, emoji and punctuation),
then through the words below to the stage infcrm ships with that meaning.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Words people use → the shipped stage with that meaning (by its shipped name).
_SYNONYMS: dict[str, str] = {
    # Prospect: not contacted yet
    "prospect": "Prospect", "not started": "Prospect", "not contacted": "Prospect",
    "to contact": "Prospect", "to do": "Prospect", "todo": "Prospect", "new": "Prospect",
    "lead": "Prospect", "idea": "Prospect", "shortlisted": "Prospect", "shortlist": "Prospect",
    "pending": "Prospect", "open": "Prospect", "backlog": "Prospect", "researching": "Prospect",
    "qualified": "Prospect", "vetted": "Prospect",
    # Contacted: waiting for an answer
    "contacted": "Contacted", "reached out": "Contacted", "emailed": "Contacted",
    "dm sent": "Contacted", "dmed": "Contacted", "messaged": "Contacted", "sent": "Contacted",
    "outreach sent": "Contacted", "pitched": "Contacted", "in progress": "Contacted",
    "awaiting reply": "Contacted", "waiting": "Contacted", "no reply": "Contacted",
    "no response": "Contacted", "followed up": "Contacted", "follow up": "Contacted",
    # In talks: they answered
    "in talks": "In talks", "replied": "In talks", "responded": "In talks",
    "interested": "In talks", "negotiating": "In talks", "negotiation": "In talks",
    "in discussion": "In talks", "talking": "In talks", "in contact": "In talks",
    # Agreed
    "agreed": "Agreed", "accepted": "Agreed", "confirmed": "Agreed", "signed": "Agreed",
    "booked": "Agreed", "deal": "Agreed", "won": "Agreed", "approved": "Agreed",
    "yes": "Agreed", "onboarded": "Agreed",
    # Content live
    "content live": "Content live", "live": "Content live", "posted": "Content live",
    "published": "Content live", "content posted": "Content live",
    # Completed
    "completed": "Completed", "complete": "Completed", "done": "Completed",
    "finished": "Completed", "paid": "Completed", "closed": "Completed",
    # Declined
    "declined": "Declined", "rejected": "Declined", "no": "Declined", "lost": "Declined",
    "not interested": "Declined", "refused": "Declined", "passed": "Declined",
    # Not a fit
    "not a fit": "Not a fit", "no fit": "Not a fit", "not fit": "Not a fit",
    "unqualified": "Not a fit", "disqualified": "Not a fit",
    # The same in Spanish, French, German, Portuguese and Italian (accents are dropped first).
    "a contacter": "Prospect", "por contactar": "Prospect", "a contactar": "Prospect",
    "por contatar": "Prospect", "a contatar": "Prospect", "da contattare": "Prospect",
    "zu kontaktieren": "Prospect", "sin contactar": "Prospect", "sem contatar": "Prospect",
    "sans contact": "Prospect", "contacter": "Prospect", "contactar": "Prospect",
    "contatar": "Prospect", "contattare": "Prospect", "kontaktieren": "Prospect",
    "nuevo": "Prospect", "nouveau": "Prospect", "neu": "Prospect", "novo": "Prospect",
    "nuovo": "Prospect", "pendiente": "Prospect", "pendente": "Prospect", "offen": "Prospect",
    "contacte": "Contacted", "contactee": "Contacted", "contactado": "Contacted",
    "contactada": "Contacted", "contatado": "Contacted", "contatada": "Contacted",
    "contattato": "Contacted", "contattata": "Contacted", "kontaktiert": "Contacted",
    "angeschrieben": "Contacted", "angefragt": "Contacted", "envoye": "Contacted",
    "enviado": "Contacted", "inviato": "Contacted", "gesendet": "Contacted",
    "relance": "Contacted", "sin respuesta": "Contacted", "sans reponse": "Contacted",
    "keine antwort": "Contacted", "sem resposta": "Contacted", "nessuna risposta": "Contacted",
    "en negociacion": "In talks", "en negociation": "In talks", "in verhandlung": "In talks",
    "em negociacao": "In talks", "in trattativa": "In talks", "respondio": "In talks",
    "a repondu": "In talks", "repondu": "In talks", "geantwortet": "In talks",
    "respondeu": "In talks", "ha risposto": "In talks", "interesado": "In talks",
    "interesada": "In talks", "interesse": "In talks", "interessiert": "In talks",
    "interessado": "In talks", "interessato": "In talks",
    "si": "Agreed", "sim": "Agreed", "oui": "Agreed", "ja": "Agreed", "acordado": "Agreed",
    "aceptado": "Agreed", "confirmado": "Agreed", "confirme": "Agreed", "accepte": "Agreed",
    "zugesagt": "Agreed", "zusage": "Agreed", "bestatigt": "Agreed", "akzeptiert": "Agreed",
    "aceito": "Agreed",
    "confermato": "Agreed", "accettato": "Agreed",
    "publicado": "Content live", "publie": "Content live", "veroffentlicht": "Content live",
    "pubblicato": "Content live",
    "completado": "Completed", "terminado": "Completed", "termine": "Completed",
    "abgeschlossen": "Completed", "concluido": "Completed", "completato": "Completed",
    "pagado": "Completed", "paye": "Completed", "bezahlt": "Completed", "pago": "Completed",
    "pagato": "Completed",
    "nao": "Declined", "non": "Declined", "nein": "Declined", "rechazado": "Declined",
    "refuse": "Declined", "abgelehnt": "Declined", "absage": "Declined",
    "recusado": "Declined",
    "rifiutato": "Declined", "no interesado": "Declined", "pas interesse": "Declined",
    "kein interesse": "Declined", "nicht interessiert": "Declined",
    "nao interessado": "Declined", "non interessato": "Declined",
}  # fmt: skip

# Japanese, Korean and Chinese status words, compared without spaces, punctuation or emoji.
_CJK_SYNONYMS: dict[str, str] = {
    "未連絡": "Prospect", "未着手": "Prospect", "候補": "Prospect", "新規": "Prospect",
    "미연락": "Prospect", "연락전": "Prospect", "신규": "Prospect", "후보": "Prospect",
    "未联系": "Prospect", "待联系": "Prospect", "新建": "Prospect",
    "連絡済み": "Contacted", "連絡済": "Contacted", "送信済み": "Contacted",
    "dm送信済み": "Contacted", "返信待ち": "Contacted", "依頼済み": "Contacted",
    "연락함": "Contacted", "연락완료": "Contacted", "답장대기": "Contacted",
    "已联系": "Contacted", "已发送": "Contacted", "待回复": "Contacted",
    "返信あり": "In talks", "交渉中": "In talks", "調整中": "In talks", "협의중": "In talks",
    "답장받음": "In talks", "洽谈中": "In talks", "沟通中": "In talks", "已回复": "In talks",
    "確定": "Agreed", "合意": "Agreed", "承諾": "Agreed", "확정": "Agreed", "수락": "Agreed",
    "已确认": "Agreed", "已同意": "Agreed",
    "投稿済み": "Content live", "公開済み": "Content live", "게시완료": "Content live",
    "업로드완료": "Content live", "已发布": "Content live",
    "完了": "Completed", "支払済み": "Completed", "완료": "Completed", "已完成": "Completed",
    "辞退": "Declined", "お断り": "Declined", "거절": "Declined", "拒绝": "Declined",
    "已拒绝": "Declined",
    "対象外": "Not a fit", "부적합": "Not a fit", "不合适": "Not a fit",
}  # fmt: skip

# A negation before a known word turns its meaning around (“not replied”): no guessing then.
_NEGATIONS = frozenset(
    {"not", "no", "never", "without", "un", "nicht", "kein", "keine", "nie", "ohne", "non", "pas",
     "ne", "jamais", "sans", "sin", "nunca", "nao", "sem", "senza"}
)  # fmt: skip
# “Not yet contacted”, “noch nicht kontaktiert”: the “yet” changes nothing.
_YET = frozenset({"yet", "noch", "encore", "aun", "todavia", "ainda", "ancora"})
# “Sin contacto”, “kein Kontakt”: no contact made, said with the noun.
_CONTACT_NOUNS = frozenset({"contact", "contacto", "contato", "contatto", "kontakt"})


def stage_key(text: str) -> str:
    """“Contacted ✅” → “contacted”: lower case letters and digits, single spaces."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    words = re.findall(r"[a-z0-9]+", "".join(c for c in folded if not unicodedata.combining(c)))
    return " ".join(words)


def nearest_stage(value: str, stages: Sequence[str]) -> str | None:
    """The name among `stages` that `value` means, or None when nothing fits."""
    by_key = {stage_key(name): name for name in stages}
    # Words in other scripts have no letters stage_key keeps (“連絡済み”): looked up whole.
    compact = _compact(value)
    if compact in _CJK_SYNONYMS:
        own = next((name for name in stages if _compact(name) == compact), None)
        return own or by_key.get(stage_key(_CJK_SYNONYMS[compact]))
    key = stage_key(value)
    if not key:
        return None
    if key in by_key:
        return by_key[key]
    meant = _SYNONYMS.get(key)
    words = key.split()
    if meant is None and _NEGATIONS & set(words):
        # “Nicht kontaktiert”, “not emailed”: nobody was contacted yet. A negation before any
        # other meaning (“not replied”, “ne pas contacter”) is not guessed.
        rest = [w for w in words if w not in _NEGATIONS and w not in _YET]
        if _meaning(rest) == "Contacted" or (rest and set(rest) <= _CONTACT_NOUNS):
            meant = "Prospect"
    elif meant is None:
        meant = _meaning(words)
    if meant is None:
        return None
    return by_key.get(stage_key(meant))


def _compact(text: str) -> str:
    """“連絡済み ✅” → “連絡済み”: no spaces, punctuation or emoji, in any script."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def _meaning(words: list[str]) -> str | None:
    """The shipped stage `words` mean; “affiliate confirmed”, “email sent”: the last words say
    where it stands."""
    return next(
        (_SYNONYMS[" ".join(words[i:])] for i in range(len(words))
         if " ".join(words[i:]) in _SYNONYMS),
        None,
    )  # fmt: skip


__all__ = ["nearest_stage", "stage_key"]
