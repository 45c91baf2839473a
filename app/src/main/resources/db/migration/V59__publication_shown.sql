-- What an edition's pages show of a publication (its published figures, headlines and the frame's and sample's
-- sizes), kept apart from the snapshot's body: a node starting shows the edition from these few kilobytes instead
-- of reading the whole survey the body holds. Null for a publication stored before; its body is read instead.
alter table publication_snapshot add column shown bytea;
