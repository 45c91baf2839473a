-- Suggestions for coders: the keywords (and their synonyms and misspellings) that suggest a category, and the
-- confidence from which a question's suggestions are ticked in advance for the coder to confirm.
alter table coding_category add column keywords_da text not null default '';
alter table coding_category add column keywords_en text not null default '';
alter table coding_question add column suggest_threshold numeric not null default 0.9
    check (suggest_threshold >= 0 and suggest_threshold <= 1);
