-- The questionnaire version each response was last saved in (null for responses saved before versions were kept).
alter table respond_response add column questionnaire_id bigint references questionnaire (id) on delete set null;
