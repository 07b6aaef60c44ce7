//! `/desk/security`: for supervisors — the open sessions (each can be ended), and the
//! account names and device addresses locked after failed logins (each can be unlocked).
//! Every read and change is audited by the server.

use crate::clerk::ClerkContext;
use crate::desk_api;
use crate::text::security_text;
use leptos::prelude::*;
use onewindow_wire::body::AccountRole;

/// The page.
#[component]
pub fn SecurityPage() -> impl IntoView {
    let t = security_text();
    let clerk: ClerkContext = expect_context();
    let supervises = move || {
        clerk
            .clerk()
            .is_some_and(|c| c.role == AccountRole::Supervisor)
    };
    // Changed after each action, so both lists are read again.
    let round = RwSignal::new(0u32);
    let done = RwSignal::new(None::<Result<String, String>>);
    let lists = LocalResource::new(move || {
        round.get();
        let allowed = supervises();
        async move {
            if !allowed {
                return Err(desk_api::ApiError {
                    status: 403,
                    message: crate::text::faults().supervisors_only.into(),
                });
            }
            let sessions = desk_api::sessions().await?;
            let locks = desk_api::locks().await?;
            Ok((sessions, locks))
        }
    });
    let act = move |what: desk_api::SecurityAction| {
        leptos::task::spawn_local(async move {
            let said = desk_api::security_action(&what).await;
            done.set(Some(said.map(|()| (t.done)(&what)).map_err(|e| e.message)));
            round.update(|r| *r += 1);
        });
    };
    let when = crate::clock::local_time;
    view! {
        <crate::pages::desk::ClerkGate>
            <h1>{t.heading}</h1>
            {move || if supervises() {
                view! {
                    <p class="lead">{t.intro}</p>
                    {move || done.get().map(|r| match r {
                        Ok(m) => view! { <p class="banner banner-success" role="status">{m}</p> }.into_any(),
                        Err(m) => view! { <p class="banner banner-error" role="alert">{m}</p> }.into_any(),
                    })}
                    <Transition fallback=move || view! { <p class="progress" role="status">{t.loading}</p> }>
                        {move || lists.get().map(|r| match r {
                            Err(e) => view! { <p class="banner banner-error" role="alert">{e.message}</p> }.into_any(),
                            Ok((sessions, locks)) => view! {
                                <section class="panel" aria-labelledby="sec-locks">
                                    <h2 id="sec-locks">{t.locks_heading}</h2>
                                    {(locks.names.is_empty() && locks.addresses.is_empty()).then(|| view! { <p>{t.no_locks}</p> })}
                                    <ul class="plain-list">
                                        {locks.names.into_iter().map(|l| {
                                            let who = l.who.clone();
                                            view! {
                                                <li>{(t.name_locked)(&l.who, &l.until)}" "
                                                    <button type="button" class="secondary" on:click=move |_| act(desk_api::SecurityAction::UnlockName(who.clone()))>
                                                        {(t.unlock)(&l.who)}
                                                    </button>
                                                </li>
                                            }
                                        }).collect_view()}
                                        {locks.addresses.into_iter().map(|l| {
                                            let who = l.who.clone();
                                            view! {
                                                <li>{(t.address_locked)(&l.who, &l.until)}" "
                                                    <button type="button" class="secondary" on:click=move |_| act(desk_api::SecurityAction::UnlockAddress(who.clone()))>
                                                        {(t.unlock)(&l.who)}
                                                    </button>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </section>
                                <section class="panel" aria-labelledby="sec-sessions">
                                    <h2 id="sec-sessions">{t.sessions_heading}</h2>
                                    <div class="table-scroll"><table class="cases">
                                        <thead><tr>
                                            <th scope="col">{t.account}</th><th scope="col">{t.opened}</th>
                                            <th scope="col">{t.last_seen}</th><th scope="col">{t.end}</th>
                                        </tr></thead>
                                        <tbody>{sessions.sessions.into_iter().map(|s| {
                                            let id = s.id.clone();
                                            let label = (t.end_session)(&s.name);
                                            view! {
                                                <tr>
                                                    <th scope="row">{s.name.clone()}</th>
                                                    <td>{when(s.created_at)}</td><td>{when(s.last_seen)}</td>
                                                    <td><button type="button" class="secondary" aria-label=label.clone()
                                                        on:click=move |_| act(desk_api::SecurityAction::EndSession(id.clone()))>{t.end}</button></td>
                                                </tr>
                                            }
                                        }).collect_view()}</tbody>
                                    </table></div>
                                </section>
                            }.into_any(),
                        })}
                    </Transition>
                }.into_any()
            } else {
                view! { <p class="banner banner-error" role="alert">{crate::text::faults().supervisors_only}</p> }.into_any()
            }}
        </crate::pages::desk::ClerkGate>
    }
}
