-- Complaints assigned before they kept a site (0014) count for their assignee's site.
UPDATE complaints SET site = COALESCE((SELECT site FROM users WHERE users.name = complaints.assigned_to), '')
WHERE site = '' AND assigned_to <> '';
