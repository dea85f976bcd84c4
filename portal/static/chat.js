// Web chat: send without reloading the page. Without this file the form posts and the page
// reloads with the whole conversation, so nothing here is needed for the chat to work.
(function () {
  "use strict";
  var form = document.getElementById("chat-form");
  var list = document.getElementById("chat-transcript");
  if (!form || !list || !window.fetch || !window.FormData) {
    return;
  }
  var textarea = form.querySelector("textarea");
  var button = form.querySelector("button[type=submit]");

  // As portal.bidi.text_direction: by most of the letters, not the first (dir="auto" would lay
  // an Arabic message that starts with "SFI" out left to right).
  function textDirection(text) {
    var rtl = (text.match(/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/g) || []).length;
    var ltr = (text.match(/[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u1200-\u137f]/g) || []).length;
    return rtl || ltr ? (rtl >= ltr ? "rtl" : "ltr") : "auto";
  }

  function add(direction, who, html, text, dir) {
    var item = document.createElement("li");
    item.className = "chat-message chat-" + direction;
    var label = document.createElement("span");
    label.className = "chat-who";
    label.textContent = who;
    var body = document.createElement("p");
    body.setAttribute("dir", dir || textDirection(text || ""));
    if (html !== null) {
      body.innerHTML = html; // escaped and linked by the server
    } else {
      body.textContent = text;
    }
    item.appendChild(label);
    item.appendChild(body);
    list.appendChild(item);
    item.scrollIntoView({ block: "end" });
  }

  form.addEventListener("submit", function (event) {
    var text = textarea.value.trim();
    if (!text) {
      return; // let the server show its error message
    }
    event.preventDefault();
    var data = new FormData(form);
    add("in", form.dataset.you, null, text);
    textarea.value = "";
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (payload) {
        payload.messages.forEach(function (message) {
          add(message.direction, form.dataset.assistant, message.html, null, message.dir);
        });
      })
      .catch(function () {
        add("out", form.dataset.assistant, null, form.dataset.error);
        textarea.value = text;
      })
      .finally(function () {
        button.disabled = false;
        textarea.focus();
      });
  });
})();
