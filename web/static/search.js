// Search pages: a changed sort order applies at once (the Search button does the same without script).
"use strict";
document.querySelectorAll("select.autosubmit").forEach(function (select) {
  select.addEventListener("change", function () {
    if (select.form) {
      select.form.submit();
    }
  });
});
