-- The report of an uploaded frame file's check, made once at upload and shown from here (null for uploads
-- stored before reports were kept: their report is made on first view and stored then).
alter table frame_upload add column report jsonb;
