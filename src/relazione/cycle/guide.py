"""The text of the "Istruzioni" sheet, in Italian, for the dirigenti who fill the raccolta."""

from __future__ import annotations


def guide_lines(period: str, year: int | None, ente: str | None) -> list[str]:
    when = f"{period}/{year}" if year else period
    return [
        f"Raccolta dei valori degli indicatori al {when}",
        ente or "",
        "",
        "Come compilare",
        "1. Ogni foglio elenca gli indicatori di un'area (o di un responsabile), con obiettivo, algoritmo di calcolo, "
        f"unità di misura, peso e target al {period}. Queste colonne sono bloccate: non vanno modificate.",
        f"2. Compilare solo le celle gialle: il valore al {period}, le note sulle azioni svolte, le eventuali "
        "criticità e, se serve, un nuovo target proposto con la sua motivazione.",
        "3. Il valore si scrive come nel documento: un numero (12,5 oppure 1.500), una percentuale (85%), SI o NO "
        "(per gli indicatori SI/NO si sceglie dall'elenco), una data (gg/mm/aaaa). Se il dato non è disponibile "
        "scrivere n.d.; per un indicatore descrittivo, una frase breve.",
        "4. Un nuovo target proposto (per esempio \"Almeno 280\") va sempre accompagnato dalla motivazione.",
        "5. Le righe si possono filtrare e ordinare: ogni riga conserva la propria chiave nascosta (colonna A). "
        "Non aggiungere né cancellare righe e non rinominare i fogli.",
        "6. Restituire il file all'ufficio di pianificazione così com'è (formato .xlsx).",
        "",
        "Cosa succede dopo",
        "L'ufficio importa il file con 'relazione importa': ogni valore non leggibile è segnalato con il foglio e "
        "la cella (per esempio Area 2!J14), e gli indicatori lasciati vuoti sono elencati.",
    ]
