// Progressive enhancement: a copy button beside a read-only field. Without script the field's
// text stays selectable and the button stays hidden.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    var status = document.getElementById(button.dataset.status);
    if (!field) return;
    button.hidden = false;
    function copied() {
      if (status) status.textContent = button.dataset.copied;
    }
    function bySelection() {
      field.focus();
      field.select();
      try {
        if (document.execCommand("copy")) copied();
      } catch (error) {
        // Nothing more to do: the text is selected, ready for the person to copy.
      }
    }
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(copied, bySelection);
      } else {
        bySelection();
      }
    });
  });
})();
