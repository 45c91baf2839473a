-- An edition's own register: the variables it declares beside the columns every frame has (null: the built-in
-- register of public workplaces). A frame of a declared register keeps each workplace's declared values in
-- frame_unit.variables and leaves the built-in register's columns empty.
alter table edition add column register_schema jsonb;
alter table frame_unit add column variables jsonb;
alter table frame_unit alter column government_level drop not null;
alter table frame_unit alter column area drop not null;
alter table frame_unit alter column size_group drop not null;
